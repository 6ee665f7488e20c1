package io.vigil.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The informer's item store, holding projections ({@link Projection}) instead of whole objects, indexed
 * by namespace for the ClusterView. The informer writes from one thread; the pipeline reads concurrently.
 * It outlives informer restarts, so a re-list is diffed against it and deletions made while the watch
 * was down surface as delete events.
 */
public final class ProjectedStore implements ItemStore<GenericKubernetesResource> {
    private static final String CLUSTER = "";

    private final WatchedKind kind;
    private final KubernetesSerialization serialization;
    private final Map<String, KubeObject> byKey = new ConcurrentHashMap<>();
    private final Map<String, Map<String, KubeObject>> byNamespace = new ConcurrentHashMap<>();

    public ProjectedStore(WatchedKind kind, KubernetesSerialization serialization) {
        this.kind = kind;
        this.serialization = serialization;
    }

    @Override
    public String getKey(GenericKubernetesResource obj) {
        return key(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }

    static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource obj) {
        KubeObject projected = project(obj);
        KubeObject previous = byKey.put(key, projected);
        byNamespace
                .computeIfAbsent(nsKey(projected.namespace()), n -> new ConcurrentHashMap<>())
                .put(projected.name(), projected);
        return previous == null ? null : identity(previous);
    }

    @Override
    public GenericKubernetesResource remove(String key) {
        KubeObject previous = byKey.remove(key);
        if (previous == null) {
            return null;
        }
        Map<String, KubeObject> ns = byNamespace.get(nsKey(previous.namespace()));
        if (ns != null) {
            ns.remove(previous.name());
        }
        return identity(previous);
    }

    @Override
    public Stream<String> keySet() {
        return byKey.keySet().stream();
    }

    @Override
    public Stream<GenericKubernetesResource> values() {
        return byKey.values().stream().map(this::restore);
    }

    @Override
    public int size() {
        return byKey.size();
    }

    @Override
    public GenericKubernetesResource get(String key) {
        KubeObject o = byKey.get(key);
        return o == null ? null : restore(o);
    }

    public KubeObject object(String namespace, String name) {
        return byKey.get(key(namespace, name));
    }

    public List<KubeObject> objects() {
        return List.copyOf(byKey.values());
    }

    public List<KubeObject> objects(String namespace) {
        Map<String, KubeObject> ns = byNamespace.get(nsKey(namespace));
        return ns == null ? List.of() : List.copyOf(ns.values());
    }

    public WatchedKind kind() {
        return kind;
    }

    private static String nsKey(String namespace) {
        return namespace == null ? CLUSTER : namespace;
    }

    private KubeObject project(GenericKubernetesResource obj) {
        ObjectNode node = serialization.convertValue(obj, ObjectNode.class);
        Projection.project(kind.kindKey(), node);
        var meta = obj.getMetadata();
        String apiVersion = obj.getApiVersion() != null ? obj.getApiVersion() : kind.apiVersion();
        String kindName = obj.getKind() != null ? obj.getKind() : kind.kind();
        if (!node.has("apiVersion")) {
            node.put("apiVersion", apiVersion);
        }
        if (!node.has("kind")) {
            node.put("kind", kindName);
        }
        return new KubeObject(
                new ResourceRef(apiVersion, kindName, meta.getNamespace(), meta.getName(), meta.getUid()), node, null);
    }

    /**
     * What {@code put} and {@code remove} hand back: the informer uses the previous object only to tell an
     * update from an add (and its resourceVersion), and Vigil's handlers read only the identity. Rebuilding
     * the whole projection as a fabric8 object on every update cost more than evaluating it (benchmarks).
     */
    private GenericKubernetesResource identity(KubeObject o) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(o.ref().apiVersion());
        r.setKind(o.ref().kind());
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(o.name())
                .withNamespace(o.namespace())
                .withUid(o.ref().uid())
                .withResourceVersion(io.vigil.check.support.Json.text(o.metadata(), "resourceVersion"))
                .build());
        return r;
    }

    /** Only the informer's re-list and update bookkeeping read objects back; the projection suffices. */
    private GenericKubernetesResource restore(KubeObject o) {
        JsonNode body = o.body();
        return serialization.convertValue(body, GenericKubernetesResource.class);
    }
}
