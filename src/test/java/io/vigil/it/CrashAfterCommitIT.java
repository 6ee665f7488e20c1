package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.vigil.check.AuditSettings;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.sink.kafka.Outbox;
import io.vigil.testing.FindingStream;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ShopManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §7: Vigil is killed after a transaction committed and before the outbox recorded it; restarted, it
 * publishes no event id twice and derives nothing twice.
 *
 * <p>The crash state is built from real files, not written by hand: with the broker down, a first change's events
 * (A) wait in the outbox and its files are copied; the broker comes back and A is committed and drained. The
 * broker goes down again and a second change's events (B: one RESOLVED, one OPENED) wait in the outbox; Vigil is
 * stopped (B stays on disk, nothing lost). Then the copied log of A is put back in front of B with the committed
 * offset at 0: exactly what the disk holds when Vigil dies after committing A's transaction and before
 * {@code Outbox.commit}, with B queued behind it. Restarted against the same broker and cluster, Vigil must
 * skip A (the state topic holds it), deliver B once, and publish nothing of its own: the cluster has not changed
 * since B, so a ledger that resumed from the state topic alone would publish B's changes a second time.
 */
class CrashAfterCommitIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AuditSettings SETTINGS = AuditSettings.defaults();
    private static final int OUTBOX_MAX = 10_000;

    @TempDir
    Path dataDir;

    @TempDir
    Path saved;

    @Test
    void noEventIdTwiceAfterACrashBetweenCommitAndBookkeeping() throws IOException {
        Path outboxDir = dataDir.resolve("outbox");
        try (KafkaForTests kafka = KafkaForTests.start();
                EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            var kube = cluster.admin();
            KafkaBrokerOutageIT.apply(cluster, SEED);
            List<FindingEvent> firstRun;
            int eventsA;
            try (RunningVigil vigil =
                    RunningVigil.startWithKafka(cluster.newClient(), kafka.bootstrapServers(), dataDir, OUTBOX_MAX)) {
                await().atMost(WAIT).until(() -> vigil.service().ready());
                KafkaBrokerOutageIT.awaitPublished(kafka, vigil);

                // A: events wait in the outbox; keep a copy of its files
                kafka.stop();
                int beforeA = vigil.events().size();
                KafkaBrokerOutageIT.apply(cluster, CACHE);
                eventsA = awaitAllInOutbox(vigil, kube, beforeA);
                Files.copy(outboxDir.resolve("records.log"), saved.resolve("records.log"));
                assertThat(Files.readAllLines(saved.resolve("records.log"))).hasSize(eventsA);

                // A is committed and the outbox drains: its bookkeeping now says "delivered"
                kafka.restart();
                await().atMost(WAIT).until(() -> vigil.gauge("vigil_kafka_outbox_records") == 0);
                KafkaBrokerOutageIT.awaitPublished(kafka, vigil);

                // B: one finding fixed, one introduced, waiting in the outbox when Vigil stops
                kafka.stop();
                int beforeB = vigil.events().size();
                kube.apps().deployments().inNamespace("shop").withName("api").edit(d -> {
                    d.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .setResources(new ResourceRequirementsBuilder()
                                    .addToRequests("cpu", new Quantity("100m"))
                                    .build());
                    return d;
                });
                kube.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
                    d.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getSecurityContext()
                            .setCapabilities(new CapabilitiesBuilder()
                                    .addToAdd("NET_ADMIN")
                                    .build());
                    return d;
                });
                assertThat(awaitAllInOutbox(vigil, kube, beforeB)).isEqualTo(2);
                assertThat(vigil.events().subList(beforeB, vigil.events().size()))
                        .extracting(FindingEvent::type)
                        .containsExactlyInAnyOrder("resolved", "opened");
                firstRun = vigil.events();
            }
            try (Outbox left = new Outbox(outboxDir, OUTBOX_MAX)) {
                assertThat(left.size())
                        .as("a stop with the broker down keeps B in the outbox")
                        .isEqualTo(2);
            }

            // the crash state: A (committed, bookkeeping lost) in front of B (never sent)
            Path log = outboxDir.resolve("records.log");
            byte[] b = Files.readAllBytes(log);
            Files.write(log, Files.readAllBytes(saved.resolve("records.log")));
            Files.write(log, b, java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(outboxDir.resolve("committed"), "0");
            try (Outbox crashed = new Outbox(outboxDir, OUTBOX_MAX)) {
                assertThat(crashed.size()).isEqualTo(eventsA + 2);
            }

            kafka.restart();
            try (RunningVigil vigil =
                    RunningVigil.startWithKafka(cluster.newClient(), kafka.bootstrapServers(), dataDir, OUTBOX_MAX)) {
                await().atMost(WAIT).until(() -> vigil.service().ready());
                await().atMost(WAIT).until(() -> vigil.gauge("vigil_kafka_outbox_records") == 0);
                assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS));
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(FindingStream.events(kafka.bootstrapServers()))
                                .hasSize(firstRun.size()));
                assertThat(vigil.events())
                        .as("the restart derives nothing again: B is already on its way")
                        .isEmpty();

                List<FindingStream.Event> events = FindingStream.events(kafka.bootstrapServers());
                FindingStream.assertExactlyOnceInOrder(events);
                assertThat(FindingStream.ids(events))
                        .containsExactlyInAnyOrderElementsOf(
                                firstRun.stream().map(FindingEvent::id).toList());
                assertThat(FindingStream.openOnStateTopic(kafka.bootstrapServers()))
                        .isEqualTo(vigil.openIds());
            }
        }
    }

    /** Waits until the pipeline followed the cluster and every event since {@code from} waits in the outbox. */
    private static int awaitAllInOutbox(
            RunningVigil vigil, io.fabric8.kubernetes.client.KubernetesClient kube, int from) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS)));
        int events = vigil.events().size() - from;
        assertThat(events).isPositive();
        await().atMost(WAIT).until(() -> vigil.gauge("vigil_kafka_outbox_records") == events);
        return events;
    }

    private static final String SEED = ShopManifests.join(
            ShopManifests.SHOP_NAMESPACE, ShopManifests.API_DEPLOYMENT_2, ShopManifests.WEB_DEPLOYMENT);

    private static final String CACHE = ShopManifests.CACHE_DEPLOYMENT;
}
