package io.vigil.cli;

import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineCapture;
import io.vigil.baseline.Fingerprints;
import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.source.ClusterSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * {@code vigil baseline capture --kubeconfig}: one LIST of every watched kind (projected like the live
 * cache, through {@link ClusterAccess} as {@code vigil report} reads it), evaluated with the built-in checks over a
 * view of all of it, as {@code vigil watch} would.
 */
final class ClusterCapture {
    private ClusterCapture() {}

    static Baseline capture(KubeconfigOptions kube, AuditSettings settings, Instant at, String by) {
        try (ClusterAccess cluster = kube.open()) {
            ClusterSnapshot.Result listed = cluster.read("no baseline written");
            refuseMissingKinds(listed, cluster);
            List<KubeObject> objects = listed.objects();
            List<Finding> findings = BaselineCapture.evaluate(objects, BuiltInChecks.catalog(), settings);
            return BaselineCapture.capture(
                    objects,
                    findings,
                    settings,
                    BaselineCapture.metadata(settings, at, by, "cluster " + cluster.where()));
        }
    }

    /**
     * A kind left out of the baseline would make every object of it look created later: every fingerprinted
     * kind must have been read (a custom kind the cluster does not serve is simply absent).
     */
    private static void refuseMissingKinds(ClusterSnapshot.Result listed, ClusterAccess cluster) {
        List<String> missing = listed.unread().stream()
                .filter(u -> Fingerprints.covers(u.kind().kindKey()))
                .map(ClusterAccess::describe)
                .toList();
        if (!missing.isEmpty()) {
            throw new UserError(cluster.where() + ": " + String.join("; ", missing)
                    + "; no baseline written (it would miss every object of "
                    + (missing.size() == 1 ? "that kind" : "those kinds") + ")");
        }
    }
}
