package io.vigil.policy;

import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineDriftCheck;
import io.vigil.check.Check;
import io.vigil.check.ClusterView;
import io.vigil.model.Finding;
import io.vigil.model.Masking;
import io.vigil.model.ResourceKey;
import io.vigil.model.Suppression;
import io.vigil.pipeline.FindingPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The audited baseline and the governed exceptions in force: one immutable value that the pipeline applies
 * to raw findings. A baseline brings its {@code baseline-drift} check with it.
 */
public record AuditPolicy(Optional<Baseline> baseline, ExceptionSet exceptions, Optional<BaselineDriftCheck> drift)
        implements FindingPolicy {
    public static final AuditPolicy EMPTY = new AuditPolicy(Optional.empty(), ExceptionSet.empty());

    public AuditPolicy(Optional<Baseline> baseline, ExceptionSet exceptions) {
        this(baseline, exceptions, baseline.map(BaselineDriftCheck::new));
    }

    @Override
    public boolean baselineLoaded() {
        return baseline.isPresent();
    }

    @Override
    public boolean baselined(Finding finding) {
        return baseline.map(b -> b.accepts(finding.id())).orElse(false);
    }

    @Override
    public Optional<Suppression> suppression(Finding finding, Instant now) {
        return exceptions.match(finding, now);
    }

    @Override
    public List<Check> checks() {
        return drift.<List<Check>>map(List::of).orElse(List.of());
    }

    @Override
    public Set<ResourceKey> expectedObjects() {
        return drift.map(BaselineDriftCheck::keys).orElse(Set.of());
    }

    @Override
    public Optional<Finding> deletion(ResourceKey key, ClusterView view) {
        return drift.flatMap(d -> d.deletion(key, view));
    }

    public String baselineDigest() {
        return baseline.map(Baseline::digest).orElse("none");
    }

    /** One digest over both parts: the id of a {@code config.changed} event ({@code config:<digest>}). */
    public String digest() {
        return Masking.sha256Hex("baseline " + baselineDigest() + "\nexceptions " + exceptions.digest());
    }
}
