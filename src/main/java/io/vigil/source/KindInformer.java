package io.vigil.source;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceKey;
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
    private final WatchedKind kind;
    private final ProjectedStore store;
    private final SourceListener listener;
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;
    private volatile InformerState state = InformerState.SYNCING;
    /** The informer whose initial LIST completed; a re-listing informer is not "watching" yet, nor lost. */
    private volatile SharedIndexInformer<GenericKubernetesResource> syncedInformer;

    KindInformer(KubernetesClient client, WatchedKind kind, SourceListener listener) {
        this.client = client;
        this.kind = kind;
        this.listener = listener;
        this.store = new ProjectedStore(kind, client.getKubernetesSerialization());
    }

    synchronized void start() {
        if (kind.optional() && !served()) {
            setState(InformerState.NOT_SERVED);
            return;
        }
        var resources = client.genericKubernetesResources(context());
        SharedIndexInformer<GenericKubernetesResource> next = kind.namespaced()
                ? resources.inAnyNamespace().runnableInformer(0) : resources.runnableInformer(0);
        next.itemStore(store);
        next.removeNamespaceIndex();
        next.exceptionHandler(this::retry);
        next.addEventHandler(new Handler());
        informer = next;
        // Only a kind with no answer yet is "syncing". A synced kind stays synced while it re-lists, and a
        // forbidden one stays forbidden until the API server answers otherwise: going back to "syncing" at
        // every full re-evaluation would flip /readyz to 503 and the state gauge, though nothing changed.
        next.start().whenComplete((ok, error) -> {
            if (informer != next) {
                return; // a replaced informer (stopped by relist/stop) no longer speaks for the kind
            }
            if (error == null) {
                syncedInformer = next;
                setState(InformerState.SYNCED);
            } else {
                onStartFailure(unwrap(error));
            }
        });
    }

    /** Restarts the informer: a fresh LIST reconciled against the cache, then a new WATCH. */
    synchronized void relist() {
        SharedIndexInformer<GenericKubernetesResource> old = informer;
        informer = null;
        if (old != null) {
            old.stop();
        }
        start();
    }

    synchronized void stop() {
        SharedIndexInformer<GenericKubernetesResource> old = informer;
        informer = null;
        if (old != null) {
            old.stop();
        }
    }

    /** True when the informer runs but has lost its watch connection (it is reconnecting). */
    boolean lostWatch() {
        SharedIndexInformer<GenericKubernetesResource> i = informer;
        // Asked of the current informer's own sync (not "ever synced"): right after a re-list the new informer
        // is running but still LISTing, hence not watching; counting that as a lost watch re-listed it again
        // at every health tick, in a loop as long as a LIST takes longer than the tick.
        return i != null && i == syncedInformer && i.isRunning() && !i.isWatching();
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

    private ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(kind.version())
                .withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(kind.namespaced()).build();
    }

    /**
     * 403 and 404 are answers, not outages: stop and report; anything else is retried with backoff.
     * fabric8's Reflector hands this handler the {@link CompletionException} that wraps the LIST's
     * KubernetesClientException, so the status code is read from the cause chain (reading only {@code t}
     * retried a 403 forever: the kind stayed "syncing" and {@code /readyz} never turned ready).
     */
    private boolean retry(boolean started, Throwable t) {
        int code = statusCode(t);
        if (!started && (code == 403 || code == 404)) {
            return false;
        }
        if (started && state == InformerState.SYNCED) {
            setState(InformerState.SYNCING);
        }
        return true;
    }

    private void onStartFailure(Throwable error) {
        int code = statusCode(error);
        if (code == 403) {
            LOG.warn("not permitted to list/watch {}: skipping it (findings that need it are not produced)", kind);
            setState(InformerState.FORBIDDEN);
        } else if (code == 404) {
            LOG.info("{} is not served by this cluster: skipping it", kind);
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
        if (previous != next || next != InformerState.SYNCING) {
            listener.stateChanged(kind, next);
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
