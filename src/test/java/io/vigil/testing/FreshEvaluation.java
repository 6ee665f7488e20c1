package io.vigil.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import io.vigil.scan.ManifestClusterView;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The oracle of the integration tests: LIST everything from the API server afresh and evaluate it with the
 * same checks. A live Vigil must end up with exactly these open findings.
 */
public final class FreshEvaluation {
    private FreshEvaluation() {
    }

    public static Set<String> findingIds(KubernetesClient client, AuditSettings settings) {
        Set<String> ids = new TreeSet<>();
        findings(client, settings).forEach(f -> ids.add(f.id()));
        return ids;
    }

    public static List<Finding> findings(KubernetesClient client, AuditSettings settings) {
        List<KubeObject> objects = new ArrayList<>();
        for (WatchedKind kind : WatchedKinds.ALL) {
            objects.addAll(list(client, kind));
        }
        ManifestClusterView view = new ManifestClusterView(objects, settings);
        Evaluator evaluator = new Evaluator(BuiltInChecks.catalog().all(), settings);
        List<Finding> out = new ArrayList<>();
        for (KubeObject o : objects) {
            out.addAll(evaluator.evaluate(o, view).findings());
        }
        return out;
    }

    private static List<KubeObject> list(KubernetesClient client, WatchedKind kind) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(kind.group())
                .withVersion(kind.version()).withKind(kind.kind()).withPlural(kind.plural())
                .withNamespaced(kind.namespaced()).build();
        List<GenericKubernetesResource> items;
        try {
            var op = client.genericKubernetesResources(ctx);
            items = kind.namespaced() ? op.inAnyNamespace().list().getItems() : op.list().getItems();
        } catch (KubernetesClientException e) {
            return List.of();
        }
        List<KubeObject> out = new ArrayList<>();
        for (GenericKubernetesResource r : items) {
            ObjectNode body = client.getKubernetesSerialization().convertValue(r, ObjectNode.class);
            out.add(new KubeObject(new ResourceRef(kind.apiVersion(), kind.kind(), r.getMetadata().getNamespace(),
                    r.getMetadata().getName(), r.getMetadata().getUid()), body, null));
        }
        return out;
    }
}
