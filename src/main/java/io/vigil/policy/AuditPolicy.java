package io.vigil.policy;

import io.vigil.baseline.Baseline;
import io.vigil.model.Finding;
import io.vigil.model.Masking;
import io.vigil.model.Suppression;
import io.vigil.pipeline.FindingPolicy;
import java.time.Instant;
import java.util.Optional;

/** The audited baseline and the governed exceptions in force, as the ledger consults them. */
public record AuditPolicy(Optional<Baseline> baseline, ExceptionSet exceptions) implements FindingPolicy {
    public static final AuditPolicy EMPTY = new AuditPolicy(Optional.empty(), ExceptionSet.empty());

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

    public String baselineDigest() {
        return baseline.map(Baseline::digest).orElse("none");
    }

    /** One digest over both parts: the id of a {@code config.changed} event ({@code config:<digest>}). */
    public String digest() {
        return Masking.sha256Hex("baseline " + baselineDigest() + "\nexceptions " + exceptions.digest());
    }
}
