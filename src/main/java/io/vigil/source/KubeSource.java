package io.vigil.source;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.check.AuditSettings;
import io.vigil.check.ViewIndex;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.pipeline.AuditSource;
import io.vigil.pipeline.InformerState;
import io.vigil.pipeline.KeyQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live cluster: one informer per watched kind, their projected caches, and the ClusterView the
 * checks read. Kinds that are not served or not permitted are skipped and re-tried at each full
 * re-evaluation ({@link #relistAll()}).
 */
public final class KubeSource implements AuditSource {
    private static final Logger LOG = LoggerFactory.getLogger(KubeSource.class);

    private final Map<String, KindInformer> informers = new LinkedHashMap<>();
    private final AuditSettings settings;
    private final KubernetesClient client;
    private final KubernetesClient informerClient;

    public KubeSource(KubernetesClient client, List<WatchedKind> kinds, AuditSettings settings, KeyQueue listener) {
        this.settings = settings;
        this.client = client;
        this.informerClient = InformerClient.of(client);
        for (WatchedKind kind : kinds) {
            informers.put(kind.kindKey(), new KindInformer(informerClient, kind, listener));
        }
    }

    @Override
    public void start() {
        informers.values().forEach(KindInformer::start);
    }

    @Override
    public void stop() {
        informers.values().forEach(KindInformer::stop);
        if (informerClient != client) {
            informerClient.close();
        }
    }

    /** Re-lists every kind (and re-discovers kinds that were not served or not permitted). */
    @Override
    public void relistAll() {
        informers.values().forEach(KindInformer::relist);
    }

    /**
     * Re-lists the kinds whose watch dropped: fabric8 would resume from a stale resourceVersion and miss
     * deletions made meanwhile. Returns the kinds re-listed (each drop is re-listed once; the restarted
     * informer retries with backoff until the server answers).
     */
    public List<WatchedKind> relistLostWatches() {
        List<WatchedKind> relisted = new ArrayList<>();
        for (KindInformer i : informers.values()) {
            if (i.relistIfWatchLost()) {
                LOG.info("watch for {} dropped: re-listing", i.kind());
                relisted.add(i.kind());
            }
        }
        return relisted;
    }

    @Override
    public void relistDroppedWatches() {
        relistLostWatches();
    }

    public Map<WatchedKind, InformerState> states() {
        Map<WatchedKind, InformerState> out = new LinkedHashMap<>();
        informers.values().forEach(i -> out.put(i.kind(), i.state()));
        return out;
    }

    /** The kinds that have not synced yet (a kind that synced once and lost its watch is not among them). */
    public List<WatchedKind> neverSynced() {
        return informers.values().stream()
                .filter(i -> i.state() == InformerState.SYNCING && !i.everSynced())
                .map(KindInformer::kind)
                .toList();
    }

    /** Ready when every kind that can be served has synced once (forbidden and not-served kinds count as done). */
    @Override
    public boolean allSynced() {
        return neverSynced().isEmpty();
    }

    /** Every cached object (projections), for an in-process baseline capture. */
    public List<KubeObject> objects() {
        List<KubeObject> out = new ArrayList<>();
        informers.values().forEach(i -> out.addAll(i.store().objects()));
        return out;
    }

    /** Every cached object's key, for a full re-evaluation. */
    @Override
    public List<ResourceKey> keys() {
        List<ResourceKey> out = new ArrayList<>();
        for (KindInformer i : informers.values()) {
            for (KubeObject o : i.store().objects()) {
                out.add(o.key());
            }
        }
        return out;
    }

    @Override
    public List<ResourceKey> keys(String kindKey, String namespace) {
        KindInformer i = informers.get(kindKey);
        if (i == null) {
            return List.of();
        }
        List<KubeObject> objects =
                namespace == null ? i.store().objects() : i.store().objects(namespace);
        return objects.stream().map(KubeObject::key).toList();
    }

    public int cachedObjects(String kindKey) {
        KindInformer i = informers.get(kindKey);
        return i == null ? 0 : i.store().size();
    }

    @Override
    public int cachedObjects() {
        return informers.values().stream().mapToInt(i -> i.store().size()).sum();
    }

    @Override
    public Optional<KubeObject> get(String kindKey, String namespace, String name) {
        KindInformer i = informers.get(kindKey);
        return i == null ? Optional.empty() : Optional.ofNullable(i.store().object(namespace, name));
    }

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        return get(key.kind(), key.namespace(), key.name());
    }

    @Override
    public List<KubeObject> list(String kindKey) {
        KindInformer i = informers.get(kindKey);
        return i == null ? List.of() : i.store().objects();
    }

    @Override
    public List<KubeObject> list(String kindKey, String namespace) {
        KindInformer i = informers.get(kindKey);
        return i == null ? List.of() : i.store().objects(namespace);
    }

    @Override
    public List<KubeObject> indexed(ViewIndex index, String kindKey, String namespace, String value) {
        KindInformer i = informers.get(kindKey);
        if (i == null) {
            return List.of();
        }
        return i.store().keeps(index)
                ? i.store().indexed(index, namespace, value)
                : AuditSource.super.indexed(index, kindKey, namespace, value);
    }

    /**
     * A kind is served once it has synced, also while its watch is down and it re-syncs: the cache then holds
     * its last known state, and checks must not read "no policies" or "no reports" into an outage.
     */
    @Override
    public boolean serves(String kindKey) {
        KindInformer i = informers.get(kindKey);
        return i != null && (i.state() == InformerState.SYNCED || i.state() == InformerState.SYNCING && i.everSynced());
    }

    @Override
    public AuditSettings settings() {
        return settings;
    }
}
