package io.vigil.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import io.vigil.source.ClusterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The oracle of the integration tests: LIST everything from the API server afresh and evaluate it with the
 * same checks. A live Vigil must end up with exactly these open findings.
 */
public final class FreshEvaluation {
    private FreshEvaluation() {}

    public static Set<String> findingIds(KubernetesClient client, AuditSettings settings) {
        Set<String> ids = new TreeSet<>();
        findings(client, settings).forEach(f -> ids.add(f.id()));
        return ids;
    }

    public static List<Finding> findings(KubernetesClient client, AuditSettings settings) {
        List<KubeObject> objects = ClusterSnapshot.list(client);
        ManifestClusterView view = new ManifestClusterView(objects, settings);
        Evaluator evaluator = new Evaluator(BuiltInChecks.catalog().all(), settings);
        List<Finding> out = new ArrayList<>();
        for (KubeObject o : objects) {
            out.addAll(evaluator.evaluate(o, view).findings());
        }
        return out;
    }
}
