package io.vigil.baseline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.check.ClusterView;
import io.vigil.check.Evaluator;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.model.Finding;
import io.vigil.model.FindingId;
import io.vigil.model.KubeObject;
import io.vigil.model.Masking;
import io.vigil.model.ResourceKey;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The built-in check {@code baseline-drift} (DESIGN §6, CHECKS.md): a fingerprinted object created or
 * changed since the baseline is a finding on the object itself, path {@code metadata}, the changed fields
 * and a readable diff in observed/expected/message. It exists only while a baseline is loaded (it is not
 * in {@code BuiltInChecks}) and is pure: constructed with the baseline, it does no I/O.
 *
 * <p>A deleted object cannot be the subject of its own evaluation, so deletions come from
 * {@link #deletion(ResourceKey, ClusterView)} (one key whose object is gone: what the live pipeline calls
 * instead of resolving everything when a fingerprinted object disappears) and {@link #deletions} (every
 * baseline object missing from a view: what {@code vigil scan} and a full re-evaluation call). A deletion
 * finding has the same id as the object's created/changed finding (same object, same path), so a changed
 * then deleted object is one finding that is CHANGED, and it resolves once an object matching the
 * baseline is back.
 */
public final class BaselineDriftCheck implements Check {
    public static final String ID = "baseline-drift";
    public static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder(ID)
            .title("Drift from the audited baseline")
            .severity(Severity.HIGH)
            .family(Family.BASELINE)
            .subjects(Set.copyOf(Fingerprints.KINDS))
            .remediation("Restore the object to its audited state, or review the change and capture a new baseline"
                    + " (vigil baseline capture)")
            .scope(Scope.WORKLOAD)
            .build();

    private final Baseline baseline;

    public BaselineDriftCheck(Baseline baseline) {
        this.baseline = baseline;
    }

    public Baseline baseline() {
        return baseline;
    }

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return drift(subject, view.settings().masking())
                .map(d -> List.of(d.violation()))
                .orElse(List.of());
    }

    /**
     * How a present object differs from the baseline: created, changed, or empty when it matches. Masked values
     * compare under the baseline's own key, so a capture and the audit must share it.
     */
    public Optional<Drift> drift(KubeObject subject, Masking masking) {
        if (!Fingerprints.covers(subject.kindKey())) {
            return Optional.empty();
        }
        Fingerprint now = Fingerprints.of(subject, masking);
        Optional<Fingerprint> recorded = baseline.fingerprint(subject.key());
        if (recorded.isEmpty()) {
            return Optional.of(
                    new Drift(Drift.Type.CREATED, subject.ref(), FieldChange.between(Map.of(), now.fields())));
        }
        List<FieldChange> changes = FieldChange.between(recorded.get().fields(), now.fields());
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Drift(Drift.Type.CHANGED, subject.ref(), changes));
    }

    /**
     * The deletion finding for one key: present when the baseline fingerprints that object, {@code view}
     * no longer has it and the audit's scope covers it (system objects only with includeSystem). The
     * caller vouches that the view can see the kind (the live pipeline: its informer is synced).
     */
    public Optional<Finding> deletion(ResourceKey key, ClusterView view) {
        Optional<Fingerprint> recorded = baseline.fingerprint(key);
        if (recorded.isEmpty()
                || view.get(key.kind(), key.namespace(), key.name()).isPresent()
                || !inScope(recorded.get(), view.settings())) {
            return Optional.empty();
        }
        Fingerprint f = recorded.get();
        Drift d = new Drift(Drift.Type.DELETED, f.ref(), FieldChange.between(f.fields(), Map.of()));
        return Optional.of(finding(d, view.settings()));
    }

    /** Deletion findings for every baseline object of a kind the view sees ({@link ClusterView#serves}). */
    public List<Finding> deletions(ClusterView view) {
        return deletions(view, view::serves);
    }

    /**
     * Deletion findings for every baseline object of a kind {@code kindVisible} accepts and the view lacks.
     * {@code vigil scan} passes {@code k -> true}: the scanned manifests are the whole cluster, so a kind
     * with no manifest left is a kind whose objects were all deleted.
     */
    public List<Finding> deletions(ClusterView view, Predicate<String> kindVisible) {
        List<Finding> out = new ArrayList<>();
        for (Fingerprint f : baseline.fingerprints()) {
            if (kindVisible.test(f.kindKey())) {
                deletion(f.key(), view).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The baseline's fingerprinted objects: re-queue these at a full evaluation and on a baseline change. */
    public Set<ResourceKey> keys() {
        return baseline.fingerprintKeys();
    }

    /** A finding as the Evaluator would make it from this check's violation on that object. */
    static Finding finding(Drift d, AuditSettings settings) {
        Violation v = d.violation();
        Severity severity = settings.severityOverrides().getOrDefault(ID, DESCRIPTOR.severity());
        Set<String> controls = new LinkedHashSet<>(DESCRIPTOR.controls());
        controls.addAll(DESCRIPTOR.family().controls());
        return new Finding(
                FindingId.of(settings.cluster(), ID, d.resource(), v.path()),
                settings.cluster(),
                ID,
                DESCRIPTOR.family().label(),
                severity,
                DESCRIPTOR.title(),
                v.message(),
                d.resource(),
                v.path(),
                v.observed(),
                v.expected(),
                List.copyOf(controls),
                DESCRIPTOR.remediation(),
                null);
    }

    /** Whether the audit looks at the (deleted) object: judged on its kind, namespace and name. */
    private static boolean inScope(Fingerprint f, AuditSettings settings) {
        ObjectNode body = Canonical.NODES.objectNode();
        body.put("apiVersion", f.apiVersion());
        body.put("kind", f.kind());
        ObjectNode meta = body.putObject("metadata");
        meta.put("name", f.name());
        if (f.namespace() != null) {
            meta.put("namespace", f.namespace());
        }
        return new Evaluator(List.of(), settings).inScope(Scope.WORKLOAD, new KubeObject(f.ref(), body, null));
    }
}
