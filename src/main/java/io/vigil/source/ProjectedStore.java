package io.vigil.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vigil.check.ViewIndex;
import io.vigil.check.support.Json;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import io.vigil.model.Unreadable;
import io.vigil.source.compact.Compact;
import io.vigil.source.compact.CompactDecoder;
import io.vigil.source.compact.CompactResource;
import io.vigil.source.compact.CompactSerialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informer's item store, holding compact projections instead of whole objects, indexed by namespace
 * for the ClusterView. Items arrive already decoded by {@link CompactSerialization} (each LIST/watch item
 * is read once, straight into its compact tree); anything else handed to it is decoded the same way. The
 * informer writes from one thread; the pipeline reads concurrently. It outlives informer restarts, so a
 * re-list is diffed against it and deletions made while the watch was down surface as delete events.
 */
public final class ProjectedStore implements ItemStore<GenericKubernetesResource> {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectedStore.class);
    private static final String CLUSTER = "";
    /** Kinds whose checks and fingerprints read only metadata (a Namespace: its labels). */
    private static final Set<String> METADATA_ONLY = Set.of(Kinds.NAMESPACE);

    private final WatchedKind kind;
    private final KubernetesSerialization serialization;
    private final CompactDecoder decoder;
    private final boolean metadataOnly;
    private final Map<String, KubeObject> byKey = new ConcurrentHashMap<>();
    private final Map<String, Map<String, KubeObject>> byNamespace = new ConcurrentHashMap<>();
    private final StoreIndexes indexes;
    private final AtomicLong decodeErrors = new AtomicLong();

    public ProjectedStore(WatchedKind kind, KubernetesSerialization serialization) {
        this.kind = kind;
        this.serialization = serialization;
        this.decoder = serialization instanceof CompactSerialization c ? c.decoder() : Compact.decoder();
        this.metadataOnly = METADATA_ONLY.contains(kind.kindKey());
        this.indexes = new StoreIndexes(kind.kindKey());
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
        if (Unreadable.in(projected.body()) && (previous == null || !sameVersion(previous, projected))) {
            decodeErrors.incrementAndGet();
            LOG.warn(
                    "{} {}: cached with fields that cannot be read, checks that read them report them as unreadable: {}",
                    kind.kindKey(),
                    key,
                    Unreadable.find(projected.body(), "").stream()
                            .map(u -> u.dotted() + ": " + u.field().problem())
                            .toList());
        }
        byNamespace
                .computeIfAbsent(nsKey(projected.namespace()), n -> new ConcurrentHashMap<>())
                .put(projected.name(), projected);
        if (previous != null) {
            indexes.remove(key, previous);
        }
        indexes.add(key, projected);
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
        indexes.remove(key, previous);
        return identity(previous);
    }

    @Override
    public Stream<String> keySet() {
        return byKey.keySet().stream();
    }

    /** fabric8 reads stored items only for bookkeeping (keys, resourceVersions): identities suffice. */
    @Override
    public Stream<GenericKubernetesResource> values() {
        return byKey.values().stream().map(ProjectedStore::identity);
    }

    @Override
    public int size() {
        return byKey.size();
    }

    @Override
    public GenericKubernetesResource get(String key) {
        KubeObject o = byKey.get(key);
        return o == null ? null : identity(o);
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

    /** The objects under {@code value} in {@code index} (null namespace: all), or empty if not indexed here. */
    public List<KubeObject> indexed(ViewIndex index, String namespace, String value) {
        return indexes.get(index, namespace, value);
    }

    /** Whether this store keeps {@code index} (else a view falls back to filtering). */
    public boolean keeps(ViewIndex index) {
        return indexes.covers(index);
    }

    /**
     * Object versions cached with a field that cannot be read ({@code vigil_decode_errors_total}): each
     * resourceVersion counts once, so a re-list of the same objects adds nothing.
     */
    public long decodeErrors() {
        return decodeErrors.get();
    }

    private static boolean sameVersion(KubeObject a, KubeObject b) {
        String version = Json.text(a.metadata(), "resourceVersion");
        return version != null && version.equals(Json.text(b.metadata(), "resourceVersion"));
    }

    public WatchedKind kind() {
        return kind;
    }

    private static String nsKey(String namespace) {
        return namespace == null ? CLUSTER : namespace;
    }

    private KubeObject project(GenericKubernetesResource obj) {
        ObjectNode decoded = obj instanceof CompactResource c
                ? c.body()
                : decoder.decode(serialization.convertValue(obj, JsonNode.class));
        String apiVersion = obj.getApiVersion() != null ? obj.getApiVersion() : kind.apiVersion();
        String kindName = obj.getKind() != null ? obj.getKind() : kind.kind();
        ObjectNode body = decoder.finish(decoded, apiVersion, kindName, metadataOnly);
        var meta = obj.getMetadata();
        return new KubeObject(
                new ResourceRef(
                        decoder.pool().intern(apiVersion),
                        decoder.pool().intern(kindName),
                        meta.getNamespace() == null ? null : decoder.pool().intern(meta.getNamespace()),
                        meta.getName(),
                        meta.getUid()),
                body,
                null);
    }

    /**
     * What {@code put} and {@code remove} hand back: the informer uses the previous object only to tell an
     * update from an add (and its resourceVersion: an unchanged one raises no event, so a re-list
     * re-evaluates only what changed), and Vigil's handlers read only the identity.
     */
    private static GenericKubernetesResource identity(KubeObject o) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(o.ref().apiVersion());
        r.setKind(o.ref().kind());
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(o.name())
                .withNamespace(o.namespace())
                .withUid(o.ref().uid())
                .withResourceVersion(Json.text(o.metadata(), "resourceVersion"))
                .build());
        return r;
    }
}
