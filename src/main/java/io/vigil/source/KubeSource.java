package io.vigil.source;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vigil.check.AuditSettings;
import io.vigil.check.ViewIndex;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.pipeline.AuditSource;
import io.vigil.pipeline.InformerState;
import io.vigil.pipeline.KeyQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final KubernetesClient probeClient;
    private final ApiServerHealth health;
    private final KindProbe probe;
    /** Asks an unreachable API server again, off the event loop and off the caller's thread. */
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-api-server-retry");
        t.setDaemon(true);
        return t;
    });
    /** Kinds not yet answered by the API server (all of them until it first answers). */
    private final Set<KindInformer> unanswered = new LinkedHashSet<>();

    public KubeSource(KubernetesClient client, List<WatchedKind> kinds, AuditSettings settings, KeyQueue listener) {
        this.settings = settings;
        this.client = client;
        this.informerClient = InformerClient.of(client);
        // fabric8 retries a failed request up to 10 times with growing pauses (over a minute in all) before it
        // reports anything; the probe must fail fast so that the state, the log and /readyz say so at once
        this.probeClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration())
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
        this.health = new ApiServerHealth(client.getConfiguration().getMasterUrl());
        this.probe = new KindProbe(probeClient);
        for (WatchedKind kind : kinds) {
            informers.put(kind.kindKey(), new KindInformer(informerClient, probe, kind, listener));
        }
        unanswered.addAll(informers.values());
    }

    /** Returns at once: the kinds are probed and started in the background, and retried while the server is away. */
    @Override
    public void start() {
        retries.execute(this::connect);
    }

    /** Probes and starts every kind the API server has not answered for yet; asks again later if it cannot. */
    private synchronized void connect() {
        for (Iterator<KindInformer> it = unanswered.iterator(); it.hasNext(); ) {
            KindInformer informer = it.next();
            KindProbe.Result answer = informer.start();
            if (answer.answer() == KindProbe.Answer.UNREACHABLE) {
                later(this::connect, health.unreachable(answer.error()));
                return;
            }
            it.remove();
            health.answered();
        }
    }

    @Override
    public synchronized void stop() {
        retries.shutdownNow();
        informers.values().forEach(KindInformer::stop);
        probeClient.close();
        if (informerClient != client) {
            informerClient.close();
        }
    }

    /** Re-lists every kind (and re-discovers kinds that were not served or not permitted). */
    @Override
    public synchronized void relistAll() {
        if (!unanswered.isEmpty()) {
            return; // the retry of connect() is on its way and starts them
        }
        for (KindInformer informer : informers.values()) {
            KindProbe.Result answer = informer.relist();
            if (answer.answer() == KindProbe.Answer.UNREACHABLE) {
                lostServer(answer.error());
                return; // the running informers retry by themselves; the next full re-evaluation asks again
            }
        }
    }

    /**
     * The API server went away after it had answered: one line for the server (not one per kind and retry),
     * {@code vigil_api_server_up} 0, and a probe with backoff that logs once when it answers again. Readiness
     * does not change: Vigil synced once and keeps serving its (stale-marked) findings.
     */
    private void lostServer(String error) {
        if (health.up()) {
            later(this::askAgain, health.unreachable(error));
        }
    }

    private synchronized void askAgain() {
        KindProbe.Result answer =
                probe.probe(informers.values().iterator().next().kind());
        if (answer.answer() == KindProbe.Answer.UNREACHABLE) {
            later(this::askAgain, health.unreachable(answer.error()));
        } else {
            health.answered();
        }
    }

    private void later(Runnable ask, Duration wait) {
        try {
            retries.schedule(ask, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped meanwhile: nobody is waiting for the answer
        }
    }

    /**
     * Why the source cannot be trusted yet, for {@code /readyz}: the API server does not answer (one reason, not
     * one per kind), every kind it serves is forbidden (a ServiceAccount without Vigil's ClusterRole would
     * otherwise look like a cluster without findings), or kinds have not synced once.
     */
    public List<String> notReadyReasons() {
        Optional<String> down = health.problem();
        if (down.isPresent() && !unanswered.isEmpty()) {
            return List.of(down.get());
        }
        List<WatchedKind> forbidden = inState(InformerState.FORBIDDEN);
        boolean anyReadable = informers.values().stream()
                .anyMatch(
                        i -> i.everSynced() || i.state() == InformerState.SYNCED || i.state() == InformerState.SYNCING);
        if (!forbidden.isEmpty() && !anyReadable) {
            return List.of("not permitted to list/watch any watched kind (" + forbidden.size() + " forbidden, the"
                    + " rest not served): bind Vigil's ClusterRole to its ServiceAccount");
        }
        // an outage after every kind answered once does not make Vigil unready (it synced once): the metric and
        // the log say it, and the findings of the kinds it cannot watch are marked stale
        List<String> reasons = new ArrayList<>();
        neverSynced().forEach(kind -> reasons.add(kind.kindKey() + " informer has not synced"));
        return reasons;
    }

    /** The kinds in {@code state}, in watch order. */
    public List<WatchedKind> inState(InformerState state) {
        return informers.values().stream()
                .filter(i -> i.state() == state)
                .map(KindInformer::kind)
                .toList();
    }

    /** True while the API server answers Vigil's requests. */
    public boolean apiServerUp() {
        return health.up();
    }

    /**
     * Re-lists the kinds whose watch dropped: fabric8 would resume from a stale resourceVersion and miss
     * deletions made meanwhile. Returns the kinds re-listed (each drop is re-listed once; the restarted
     * informer retries with backoff until the server answers).
     */
    public synchronized List<WatchedKind> relistLostWatches() {
        List<WatchedKind> relisted = new ArrayList<>();
        for (KindInformer i : informers.values()) {
            Optional<KindProbe.Result> answer = i.relistIfWatchLost();
            if (answer.isPresent()) {
                LOG.debug("watch for {} dropped: re-listing", i.kind());
                relisted.add(i.kind());
                if (answer.get().answer() == KindProbe.Answer.UNREACHABLE) {
                    lostServer(answer.get().error());
                }
            } else if (i.recheckIfRevoked(System.nanoTime())) {
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

    /** Object versions of a kind cached with a field that cannot be read ({@code vigil_decode_errors_total}). */
    public long decodeErrors(String kindKey) {
        KindInformer i = informers.get(kindKey);
        return i == null ? 0 : i.store().decodeErrors();
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
