package io.vigil.service;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.VigilMetrics;
import io.vigil.pipeline.AuditVerticle;
import io.vigil.pipeline.FindingLedger;
import io.vigil.pipeline.FindingSink;
import io.vigil.sink.kafka.KafkaSink;
import io.vigil.sink.kafka.PendingRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm standby under leader election (DESIGN §13): every replica watches and evaluates; only the Lease holder
 * has a transactional producer. On winning it fences the old producer, resumes its findings from the state
 * topic and publishes what one full evaluation changes, as a restarted Vigil does (§7). On losing it stops
 * publishing at once, discards its outbox (the next leader re-derives those events) and calls
 * {@link Settings#onLeadershipLost}: {@code vigil watch} exits so that its restart rejoins as a follower.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    /** @param identity unique among the replicas (the pod name plus a random suffix) */
    public record Settings(VigilConfig.LeaderElection election, String identity, Runnable onLeadershipLost) {}

    /** Fences the previous producer, reads the state topic into {@code into} and returns the started sink. */
    public interface KafkaConnector {
        KafkaSink connect(FindingLedger into);
    }

    private final LeaseElection election;
    private final LeaderGatedSink gate = new LeaderGatedSink();
    private final KafkaConnector connector;
    private final Settings settings;
    private final Path outbox;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-leadership");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;
    private AuditVerticle verticle;

    private Leadership(LeaseElection election, KafkaConnector connector, Settings settings, Path dataDir) {
        this.election = election;
        this.connector = connector;
        this.settings = settings;
        this.outbox = dataDir.resolve("outbox");
    }

    /**
     * Checks that the Lease can be used (a clear start-up error naming it otherwise) before anything starts.
     *
     * @throws LeaseElection.LeaseUnavailable when the Lease is not served or not permitted
     */
    public static Leadership prepare(
            KubernetesClient client, Settings settings, Path dataDir, VigilMetrics metrics, KafkaConnector connector) {
        LeaseElection election = new LeaseElection(client, settings.election(), settings.identity(), metrics);
        try {
            election.checkAccess();
        } catch (RuntimeException e) {
            election.close();
            throw e;
        }
        Leadership leadership = new Leadership(election, connector, settings, dataDir);
        // a replica killed while leading left its term's outbox behind (an emptyDir survives a container restart)
        leadership.discardOutbox();
        return leadership;
    }

    /** The Kafka sink the pipeline publishes to: a follower's drops its events. */
    public FindingSink sink() {
        return gate;
    }

    public void publishConfigChange(PendingRecord record) {
        gate.publishConfigChange(record);
    }

    /** Joins the election once the pipeline is deployed. */
    public void join(AuditVerticle pipeline) {
        this.verticle = pipeline;
        election.start(new LeaseElection.Callbacks() {
            @Override
            public void startedLeading() {
                worker.execute(Leadership.this::takeOver);
            }

            @Override
            public void stoppedLeading() {
                KafkaSink sink = gate.shut();
                if (!stopping) {
                    worker.execute(() -> stepDown(sink));
                }
            }
        });
    }

    private void takeOver() {
        long start = System.nanoTime();
        FindingLedger resumed = new FindingLedger();
        KafkaSink sink;
        try {
            sink = connector.connect(resumed);
        } catch (RuntimeException e) {
            LOG.error("leading, but Kafka cannot be used: {}", e.getMessage());
            stepDown(gate.shut());
            return;
        }
        long resumedMillis = (System.nanoTime() - start) / 1_000_000;
        verticle.resume(resumed, () -> gate.open(sink))
                .onSuccess(v -> LOG.info(
                        "leading: resumed {} open findings from the state topic in {} ms; publishing what the full"
                                + " evaluation changes",
                        resumed.size(),
                        resumedMillis));
    }

    private void stepDown(KafkaSink sink) {
        if (sink != null) {
            sink.close();
        }
        discardOutbox();
        LOG.warn(
                "stopped publishing: Lease {} is no longer held by this replica",
                settings.election().lease());
        settings.onLeadershipLost().run();
    }

    /** Under election the state topic is the truth: events left here belong to a term that has ended. */
    private void discardOutbox() {
        if (!Files.isDirectory(outbox)) {
            return;
        }
        try (Stream<Path> files = Files.walk(outbox)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot discard the outbox {}: {}", outbox, e.getMessage());
        }
    }

    /** The {@code /readyz} fields of a replica under election. */
    public Map<String, String> details() {
        String leader = election.leader();
        return Map.of(
                "role",
                leader.equals(election.identity()) ? "leader" : "follower",
                "leader",
                leader,
                "identity",
                election.identity());
    }

    public boolean leading() {
        return gate.leading();
    }

    /** After the sink drained: releases the Lease so another replica takes over without waiting it out. */
    @Override
    public void close() {
        stopping = true;
        gate.close();
        election.close();
        worker.shutdownNow();
        discardOutbox();
    }
}
