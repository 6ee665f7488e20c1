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
 * {@code report} read from a cluster without running the service. {@link #read} names every kind it
 * could not read; {@link #list} skips them (tests and callers that only want what is there).
 */
public final class ClusterSnapshot {
    private ClusterSnapshot() {}

    /**
     * A kind the LIST could not read: HTTP status ({@code 0} when no answer came), the server's message (or the
     * client's), and the failure itself for callers that explain transport errors.
     */
    public record Unread(WatchedKind kind, int code, String message, KubernetesClientException error) {}

    /** What a snapshot read, and every kind it could not read (a custom kind the cluster does not serve is absent). */
    public record Result(List<KubeObject> objects, List<Unread> unread) {
        public Result {
            objects = List.copyOf(objects);
            unread = List.copyOf(unread);
        }
    }

    public static List<KubeObject> list(KubernetesClient client) {
        return read(client).objects();
    }

    /** Every watched kind, each failure kept: a report must say what it could not audit. */
    public static Result read(KubernetesClient client) {
        List<KubeObject> objects = new ArrayList<>();
        List<Unread> unread = new ArrayList<>();
        for (WatchedKind kind : WatchedKinds.ALL) {
            try {
                objects.addAll(listOrThrow(client, kind));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 || !kind.optional()) {
                    unread.add(new Unread(kind, Math.max(e.getCode(), 0), message(e), e));
                }
            }
        }
        return new Result(objects, unread);
    }

    public static List<KubeObject> list(KubernetesClient client, WatchedKind kind) {
        try {
            return listOrThrow(client, kind);
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    /** The server's own message when it answered, else the client's. */
    public static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static List<KubeObject> listOrThrow(KubernetesClient client, WatchedKind kind) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withNamespaced(kind.namespaced())
                .build();
        var op = client.genericKubernetesResources(ctx);
        List<GenericKubernetesResource> items = kind.namespaced()
                ? op.inAnyNamespace().list().getItems()
                : op.list().getItems();
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
