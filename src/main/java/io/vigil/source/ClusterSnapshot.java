package io.vigil.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-shot LIST of every watched kind, projected like the live cache: what {@code baseline capture} and
 * {@code report} read from a cluster without running the service. Kinds that are not served or not
 * permitted are skipped.
 */
public final class ClusterSnapshot {
    private ClusterSnapshot() {}

    public static List<KubeObject> list(KubernetesClient client) {
        List<KubeObject> objects = new ArrayList<>();
        for (WatchedKind kind : WatchedKinds.ALL) {
            objects.addAll(list(client, kind));
        }
        return objects;
    }

    public static List<KubeObject> list(KubernetesClient client, WatchedKind kind) {
        ResourceDefinitionContext ctx = kind.context();
        List<GenericKubernetesResource> items;
        try {
            var op = client.genericKubernetesResources(ctx);
            items = kind.namespaced()
                    ? op.inAnyNamespace().list().getItems()
                    : op.list().getItems();
        } catch (KubernetesClientException e) {
            return List.of();
        }
        List<KubeObject> out = new ArrayList<>(items.size());
        for (GenericKubernetesResource r : items) {
            ObjectNode body = Projection.project(
                    kind.kindKey(), client.getKubernetesSerialization().convertValue(r, ObjectNode.class));
            if (!body.has("apiVersion")) {
                body.put("apiVersion", kind.apiVersion());
            }
            if (!body.has("kind")) {
                body.put("kind", kind.kind());
            }
            out.add(new KubeObject(
                    new ResourceRef(
                            kind.apiVersion(),
                            kind.kind(),
                            r.getMetadata().getNamespace(),
                            r.getMetadata().getName(),
                            r.getMetadata().getUid()),
                    body,
                    null));
        }
        return out;
    }
}
