package io.vigil.baseline;

import io.vigil.check.AuditSettings;
import io.vigil.check.CheckCatalog;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a baseline from what an audit sees: the objects (fingerprints) and the findings of evaluating
 * them (accepted findings). Pure; the sources (manifests, a cluster LIST, a running Vigil's API) only
 * differ in how they obtain the objects and findings. Findings of {@code baseline-drift} are never
 * accepted: the new fingerprints already accept the state they describe.
 */
public final class BaselineCapture {
    private BaselineCapture() {}

    /** A baseline of these objects and findings (a scan's, or an evaluation of a cluster LIST). */
    public static Baseline capture(
            Collection<KubeObject> objects,
            Collection<Finding> findings,
            AuditSettings settings,
            Baseline.Metadata metadata) {
        return seal(metadata, accepted(findings), Fingerprints.of(objects, settings));
    }

    /**
     * Evaluates objects the way {@code vigil scan} and the live pipeline do (one ClusterView over all of
     * them): what a capture from a cluster LIST accepts.
     */
    public static List<Finding> evaluate(Collection<KubeObject> objects, CheckCatalog checks, AuditSettings settings) {
        List<KubeObject> all = List.copyOf(objects);
        ManifestClusterView view = new ManifestClusterView(all, settings);
        Evaluator evaluator = new Evaluator(checks.all(), settings);
        List<Finding> out = new ArrayList<>();
        for (KubeObject o : all) {
            out.addAll(evaluator.evaluate(o, view).findings());
        }
        return out;
    }

    /** Accepted-finding entries for findings (sorted by id, one per id, never {@code baseline-drift}). */
    public static List<Baseline.AcceptedFinding> accepted(Collection<Finding> findings) {
        Map<String, Baseline.AcceptedFinding> byId = new LinkedHashMap<>();
        findings.stream()
                .filter(f -> !BaselineDriftCheck.ID.equals(f.checkId()))
                .sorted(Comparator.comparing(Finding::id))
                .forEach(f -> byId.putIfAbsent(
                        f.id(),
                        new Baseline.AcceptedFinding(
                                f.id(),
                                f.checkId(),
                                f.severity(),
                                withoutUid(f),
                                f.path(),
                                f.observed(),
                                f.expected())));
        return List.copyOf(byId.values());
    }

    /** A sealed baseline from parts (the API source reads findings and fingerprints separately). */
    public static Baseline seal(
            Baseline.Metadata metadata,
            Collection<Baseline.AcceptedFinding> findings,
            Collection<Fingerprint> fingerprints) {
        List<Baseline.AcceptedFinding> f = new ArrayList<>(findings);
        f.removeIf(a -> BaselineDriftCheck.ID.equals(a.check()));
        f.sort(Comparator.comparing(Baseline.AcceptedFinding::id));
        List<Fingerprint> p = new ArrayList<>(fingerprints);
        p.sort(Fingerprints.ORDER);
        return Baseline.seal(metadata, f, p);
    }

    /** Metadata for a capture now. */
    public static Baseline.Metadata metadata(AuditSettings settings, Instant at, String capturedBy, String source) {
        return new Baseline.Metadata(settings.cluster(), at, capturedBy, source);
    }

    private static io.vigil.model.ResourceRef withoutUid(Finding f) {
        var r = f.resource();
        return new io.vigil.model.ResourceRef(r.apiVersion(), r.kind(), r.namespace(), r.name(), null);
    }
}
