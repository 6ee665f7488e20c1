package io.vigil.service;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.micrometer.core.instrument.Tags;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.MetricCatalog;
import io.vigil.metrics.VigilMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric8's leader elector on a {@code coordination.k8s.io} Lease (DESIGN §13). The callbacks run on the
 * elector's own thread and must hand long work elsewhere, or renewals stall.
 */
public final class LeaseElection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseElection.class);

    /** What happens when this replica starts and stops leading. */
    public interface Callbacks {
        void startedLeading();

        void stoppedLeading();
    }

    /** The Lease cannot be used: not served, or RBAC forbids what election needs. A setup error, not an outage. */
    public static final class LeaseUnavailable extends RuntimeException {
        LeaseUnavailable(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;
    private final VigilConfig.LeaderElection settings;
    private final String identity;
    private final VigilMetrics metrics;
    private final AtomicLong leaderGauge;
    private final ExecutorService executor;
    private volatile String leader = "";
    private CompletableFuture<?> running;

    public LeaseElection(
            KubernetesClient client, VigilConfig.LeaderElection settings, String identity, VigilMetrics metrics) {
        this.client = client;
        this.settings = settings;
        this.identity = identity;
        this.metrics = metrics;
        this.leaderGauge = metrics.gauge(MetricCatalog.LEADER, Tags.empty());
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-leader-election");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Fails fast, naming the Lease, when the API server does not serve Leases or this identity may get,
     * create, update and patch it: fabric8's elector would otherwise retry forever and this replica would never lead.
     */
    public void checkAccess() {
        String lease = "Lease " + settings.lease();
        boolean served;
        try {
            served = client.getApiResources("coordination.k8s.io/v1") != null;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw new LeaseUnavailable("leader election: cannot check " + lease + ": " + e.getMessage());
            }
            served = false;
        }
        if (!served) {
            throw new LeaseUnavailable("leader election is on but the API server does not serve coordination.k8s.io/v1"
                    + " Leases, so " + lease + " cannot be used (turn leaderElection.enabled off)");
        }
        List<String> denied = new ArrayList<>();
        // fabric8's LeaseLock renews with PATCH
        for (String verb : List.of("get", "create", "update", "patch")) {
            if (!allowed(verb)) {
                denied.add(verb);
            }
        }
        if (!denied.isEmpty()) {
            throw new LeaseUnavailable("leader election is on but this identity may not " + String.join(", ", denied)
                    + " " + lease + " (grant get, create, update, patch on coordination.k8s.io leases in namespace "
                    + settings.leaseNamespace() + "; the chart's Role does)");
        }
    }

    private boolean allowed(String verb) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withNewResourceAttributes()
                .withGroup("coordination.k8s.io")
                .withResource("leases")
                .withVerb(verb)
                .withNamespace(settings.leaseNamespace())
                // RBAC cannot limit create to a name
                .withName(verb.equals("create") ? null : settings.leaseName())
                .endResourceAttributes()
                .endSpec()
                .build();
        SelfSubjectAccessReview answer =
                client.authorization().v1().selfSubjectAccessReview().create(review);
        return answer.getStatus() != null
                && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }

    /** Joins the election; {@code callbacks} hear when this replica starts and stops leading. */
    public synchronized void start(Callbacks callbacks) {
        LOG.info("leader election on {} as {}", "Lease " + settings.lease(), identity);
        running = new LeaderElectorBuilder(client, executor)
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName("vigil")
                        .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), identity))
                        .withLeaseDuration(settings.leaseDuration())
                        .withRenewDeadline(settings.renewDeadline())
                        .withRetryPeriod(settings.retryPeriod())
                        // a replica that stops cleanly hands over without making the others wait out the Lease
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(
                                () -> {
                                    leaderGauge.set(1);
                                    LOG.info("leading: this replica ({}) holds Lease {}", identity, settings.lease());
                                    callbacks.startedLeading();
                                },
                                () -> {
                                    leaderGauge.set(0);
                                    LOG.warn("no longer leading: Lease {} was not renewed in time", settings.lease());
                                    callbacks.stoppedLeading();
                                },
                                this::newLeader))
                        .build())
                .build()
                .start();
    }

    private void newLeader(String holder) {
        String previous = leader;
        leader = holder == null ? "" : holder;
        if (!previous.isEmpty() && !Objects.equals(previous, leader)) {
            metrics.leaderChanged();
        }
        if (!leader.equals(identity)) {
            LOG.info("following: Lease {} is held by {}", settings.lease(), leader.isEmpty() ? "nobody" : leader);
        }
    }

    /** The holder this replica last saw ("" before it has read the Lease). */
    public String leader() {
        return leader;
    }

    public String identity() {
        return identity;
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.cancel(true);
            running = null;
        }
        executor.shutdownNow();
    }
}
