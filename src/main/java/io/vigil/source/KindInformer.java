package io.vigil.source;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceKey;
import io.vigil.pipeline.InformerState;
import io.vigil.pipeline.KeyQueue;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind's informer over a {@link ProjectedStore} that survives restarts. {@link #relist()} replaces the
 * informer with a fresh one: its LIST is reconciled against the store, so objects deleted while Vigil
 * could not watch are reported as deleted (fabric8 alone resumes from the last resourceVersion).
 */
final class KindInformer {
    private static final Logger LOG = LoggerFactory.getLogger(KindInformer.class);

    private final KubernetesClient client;
    private final KindProbe probe;
    private final WatchedKind kind;
    private final ProjectedStore store;
    private final KeyQueue listener;
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;
    private volatile InformerState state = InformerState.SYNCING;
    private volatile boolean everSynced;
    private static final long UNSCHEDULED = Long.MIN_VALUE;
    private static final Duration RECHECK_FIRST = Duration.ofSeconds(1);
    private static final Duration RECHECK_MAX = Duration.ofMinutes(1);
    private long recheckAt = UNSCHEDULED;
    private Duration recheckWait = RECHECK_FIRST;
    /** The current informer's first LIST and WATCH succeeded. */
    private volatile boolean informerSynced;
    /** Synced, then lost its watch or list: the next sync gets a line of its own (it ends the stale period). */
    private volatile boolean sightLost;
    /** The HTTP status of the last failed LIST/WATCH (0: no answer, or none failed since the last sync). */
    private volatile int failedWith;

    KindInformer(KubernetesClient client, KindProbe probe, WatchedKind kind, KeyQueue listener) {
        this.client = client;
        this.probe = probe;
        this.kind = kind;
        this.listener = listener;
        this.store = new ProjectedStore(kind, client.getKubernetesSerialization());
    }

    /** Probes the kind and starts its informer when it is readable; the answer says whether the server answered. */
    synchronized KindProbe.Result start() {
        return start(true);
    }

    /**
     * @param discover ask discovery whether an optional kind is served first; skipped for a kind that has
     *                 synced before, where a discovery call during an outage would fail and misreport the kind
     *                 as not served (a 404 from the LIST still reports it)
     */
    private KindProbe.Result start(boolean discover) {
        if (discover && kind.optional() && !served()) {
            stopInformer();
            setState(InformerState.NOT_SERVED);
            return new KindProbe.Result(KindProbe.Answer.NOT_SERVED, null);
        }
        KindProbe.Result answer = probe.probe(kind);
        switch (answer.answer()) {
            case FORBIDDEN -> {
                stopInformer();
                setState(InformerState.FORBIDDEN);
            }
            case NOT_SERVED -> {
                stopInformer();
                setState(InformerState.NOT_SERVED);
            }
            case READABLE -> {
                stopInformer();
                startInformer();
            }
            case UNREACHABLE -> {
                if (everSynced) {
                    // a re-list during an outage: a fresh informer LISTs (and so sees deletions) once the server
                    // is back; the old one would resume its watch from a stale resourceVersion
                    stopInformer();
                    startInformer();
                }
                // never synced: the source asks again with backoff, without an informer's stack traces
            }
        }
        return answer;
    }

    private void startInformer() {
        var resources = client.genericKubernetesResources(kind.context());
        SharedIndexInformer<GenericKubernetesResource> next = kind.namespaced()
                ? resources.inAnyNamespace().withLimit(InformerClient.PAGE).runnableInformer(0)
                : resources.withLimit(InformerClient.PAGE).runnableInformer(0);
        next.itemStore(store);
        next.removeNamespaceIndex();
        next.exceptionHandler((started, t) -> retry(next, started, t));
        next.addEventHandler(new Handler());
        informer = next;
        informerSynced = false;
        // A kind keeps its last answer while it re-lists: a forbidden kind stays forbidden until the API server
        // answers otherwise, and going back to "syncing" at every full re-evaluation would flip /readyz and the
        // state gauge though nothing changed. A dropped watch is marked SYNCING by relistIfWatchLost().
        next.start().whenComplete((ok, error) -> {
            if (informer != next) {
                // replaced by a re-list: stopping it fails its start ("manually stopped"), which says nothing
                return;
            }
            if (error == null) {
                everSynced = true;
                informerSynced = true;
                setState(InformerState.SYNCED);
            } else {
                onStartFailure(unwrap(error));
            }
        });
    }

    private void stopInformer() {
        SharedIndexInformer<GenericKubernetesResource> old = informer;
        informer = null;
        if (old != null) {
            old.stop();
        }
    }

    /**
     * Restarts the informer: a fresh LIST reconciled against the cache, then a new WATCH; a skipped kind is asked
     * again (a grant or a CRD may have been added) and starts only once it is readable.
     */
    synchronized KindProbe.Result relist() {
        return restart();
    }

    /**
     * Re-lists when the watch dropped (see {@link #lostWatch()}), once per drop: the kind goes SYNCING, so its
     * findings are stale until the new informer has listed and watches again. Returns the API server's answer to
     * the re-list's probe when it re-listed ({@code UNREACHABLE}: the server, not the kind, went away).
     */
    synchronized Optional<KindProbe.Result> relistIfWatchLost() {
        SharedIndexInformer<GenericKubernetesResource> i = informer;
        if (state == InformerState.SYNCING && i != null && informerSynced && i.isRunning() && i.isWatching()) {
            // fabric8 re-listed by itself after retrying (410 Gone, a failed watch) and watches again; its
            // start future completed long ago, so nothing else would report the kind synced
            setState(InformerState.SYNCED);
            return Optional.empty();
        }
        if (!lostWatch()) {
            return Optional.empty();
        }
        setState(InformerState.SYNCING);
        return Optional.of(restart());
    }

    /**
     * Asks again, with backoff (1 s doubling to 1 min), for a kind that was readable and turned forbidden: a
     * restarted API server answers 403 until its RBAC cache has synced, and waiting for the next full
     * re-evaluation would leave the kind blind (its findings stale) for minutes. Called at every watch health
     * check; returns true when it asked. A kind that was never readable waits for the full re-evaluation.
     */
    synchronized boolean recheckIfRevoked(long nowNanos) {
        if (state != InformerState.FORBIDDEN || !everSynced) {
            recheckAt = UNSCHEDULED;
            recheckWait = RECHECK_FIRST;
            return false;
        }
        if (recheckAt == UNSCHEDULED) {
            recheckAt = nowNanos + recheckWait.toNanos();
            return false;
        }
        if (nowNanos - recheckAt < 0) {
            return false;
        }
        restart();
        recheckWait =
                recheckWait.multipliedBy(2).compareTo(RECHECK_MAX) > 0 ? RECHECK_MAX : recheckWait.multipliedBy(2);
        recheckAt = nowNanos + recheckWait.toNanos();
        return true;
    }

    private KindProbe.Result restart() {
        return start(!everSynced);
    }

    synchronized void stop() {
        if (informer != null) {
            informer.stop();
        }
    }

    /**
     * True when the current informer has synced but its watch is down. fabric8 7.8 reconnects a cut watch
     * on its own, from the last resourceVersion, without telling the informer's handlers; meanwhile
     * {@code isWatching()} is false (the watch request ended and the next one has not started). Only an
     * informer that synced counts: one still listing is not watching yet, and restarting it again at every
     * health check would never let it finish. A drop shorter than the health-check interval goes unseen;
     * a real API server then resumes from its watch history (or answers 410 and fabric8 re-lists), and the
     * periodic {@link #relist()} bounds what is missed.
     */
    boolean lostWatch() {
        SharedIndexInformer<GenericKubernetesResource> i = informer;
        return i != null && informerSynced && i.isRunning() && !i.isWatching();
    }

    /** True once any informer of this kind has synced: its cache holds the kind's last known state. */
    boolean everSynced() {
        return everSynced;
    }

    InformerState state() {
        return state;
    }

    WatchedKind kind() {
        return kind;
    }

    ProjectedStore store() {
        return store;
    }

    private boolean served() {
        try {
            return client.supports(kind.apiVersion(), kind.kind());
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    /**
     * 403 and 404 are answers, not outages: stop and report; anything else is retried with backoff. A kind
     * that was synced is not while its informer retries (also when a re-list cannot reach the server).
     */
    private boolean retry(SharedIndexInformer<GenericKubernetesResource> source, boolean started, Throwable t) {
        if (informer != source) {
            return false;
        }
        // fabric8's Reflector hands this handler the CompletionException wrapping the LIST's failure: read the
        // status from the cause chain, or a 403 is retried forever and the kind never leaves "syncing".
        int code = statusCode(t);
        if (!started && (code == 403 || code == 404)) {
            return false;
        }
        if (code > 0 && code != failedWith) {
            // the server answered with an error (500, 401, ...): not an outage, and fabric8's own line is silenced
            LOG.warn("listing/watching {} failed: HTTP {}; retrying with backoff", kind, code);
        }
        failedWith = code;
        if (state == InformerState.SYNCED) {
            setState(InformerState.SYNCING);
        }
        return true;
    }

    private void onStartFailure(Throwable error) {
        int code = statusCode(error);
        if (code == 403) {
            setState(InformerState.FORBIDDEN);
        } else if (code == 404) {
            setState(InformerState.NOT_SERVED);
        } else {
            LOG.warn("informer for {} stopped: {}", kind, error.toString());
            setState(InformerState.SYNCING);
        }
    }

    /** The HTTP status of the first KubernetesClientException in the cause chain; 0 when there is none. */
    static int statusCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KubernetesClientException k) {
                return k.getCode();
            }
        }
        return 0;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private void setState(InformerState next) {
        InformerState previous = state;
        state = next;
        if (previous != next) {
            logChange(previous, next);
        }
        if (previous == InformerState.SYNCED && next == InformerState.SYNCING) {
            sightLost = true;
        } else if (next != InformerState.SYNCING) {
            sightLost = false;
            failedWith = 0;
        }
        if (previous != next || next != InformerState.SYNCING) {
            listener.stateChanged(kind.kindKey(), next);
        }
    }

    /** One line when a kind is skipped or readable again; nothing when a re-list gets the same answer. */
    private void logChange(InformerState previous, InformerState next) {
        switch (next) {
            case FORBIDDEN ->
                LOG.warn("not permitted to list/watch {}: skipping it (findings that need it are not produced)", kind);
            case NOT_SERVED -> LOG.info("{} is not served by this cluster: skipping it", kind);
            case SYNCED -> {
                if (previous == InformerState.FORBIDDEN || previous == InformerState.NOT_SERVED) {
                    LOG.info("{} is readable now (was {}): watching it", kind, previous.label());
                } else if (sightLost) {
                    LOG.info("{} is watched again: re-listed, its findings are current", kind);
                }
            }
            // losing a synced kind is the pipeline's line ("lost sight of ..."): one line per kind, not two
            case SYNCING -> {}
        }
    }

    private ResourceKey key(GenericKubernetesResource r) {
        String ns = Kinds.isNamespaced(kind.kindKey()) ? r.getMetadata().getNamespace() : null;
        return new ResourceKey(kind.kindKey(), ns, r.getMetadata().getName());
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource obj) {
            listener.changed(key(obj), "add");
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            listener.changed(key(newObj), "update");
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            listener.changed(key(obj), "delete");
        }
    }
}
