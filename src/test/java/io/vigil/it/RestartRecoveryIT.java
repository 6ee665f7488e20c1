package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.check.AuditSettings;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.sink.kafka.EventIds;
import io.vigil.testing.FindingStream;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ShopManifests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §7 restart: Vigil stops, one finding is fixed and one introduced while it is down, Vigil starts again
 * against the same broker and cluster: it resumes from the state topic and publishes exactly one RESOLVED
 * (continuing the fixed finding's open period) and one OPENED, nothing for the findings that did not change;
 * the events topic holds every id once.
 *
 * <p>The second run gets a fresh data directory, as a pod rescheduled with an emptyDir would: the first run
 * stopped with an empty outbox (asserted), so the state topic is the only memory Vigil can resume from, and
 * this proves the restart needs nothing else. A kept data directory with events still in it is
 * {@link CrashAfterCommitIT}'s case.
 */
class RestartRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AuditSettings SETTINGS = AuditSettings.defaults();

    @TempDir
    Path firstDataDir;

    @TempDir
    Path secondDataDir;

    @Test
    void aRestartPublishesOnlyWhatChangedWhileVigilWasDown() {
        try (KafkaForTests kafka = KafkaForTests.start();
                EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            var kube = cluster.admin();
            KafkaBrokerOutageIT.apply(cluster, SEED);
            Set<String> openAtStop;
            List<FindingEvent> firstRun;
            try (RunningVigil vigil =
                    RunningVigil.startWithKafka(cluster.newClient(), kafka.bootstrapServers(), firstDataDir, 10_000)) {
                await().atMost(WAIT).until(() -> vigil.service().ready());
                await().atMost(WAIT)
                        .untilAsserted(() ->
                                assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS)));
                KafkaBrokerOutageIT.awaitPublished(kafka, vigil);
                assertThat(vigil.gauge("vigil_kafka_outbox_records")).isZero();
                openAtStop = vigil.openIds();
                firstRun = vigil.events();
            }

            // while Vigil is down: api gets a cpu request (one finding fixed), web adds NET_ADMIN (one new finding)
            kube.apps().deployments().inNamespace("shop").withName("api").edit(d -> {
                d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
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
                        .setCapabilities(new io.fabric8.kubernetes.api.model.CapabilitiesBuilder()
                                .addToAdd("NET_ADMIN")
                                .build());
                return d;
            });
            Set<String> expectedOpen = FreshEvaluation.findingIds(kube, SETTINGS);
            Set<String> fixed = minus(openAtStop, expectedOpen);
            Set<String> introduced = minus(expectedOpen, openAtStop);
            assertThat(fixed).as("the scenario fixes one finding").hasSize(1);
            assertThat(introduced).as("the scenario introduces one finding").hasSize(1);
            String fixedId = fixed.iterator().next();
            String introducedId = introduced.iterator().next();

            try (RunningVigil vigil =
                    RunningVigil.startWithKafka(cluster.newClient(), kafka.bootstrapServers(), secondDataDir, 10_000)) {
                await().atMost(WAIT).until(() -> vigil.service().ready());
                assertThat(vigil.openIds()).isEqualTo(expectedOpen);
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(FindingStream.events(kafka.bootstrapServers()))
                                .hasSize(firstRun.size() + 2));

                List<FindingEvent> secondRun = vigil.events();
                assertThat(secondRun)
                        .as("the second run publishes exactly the two changes")
                        .hasSize(2);
                FindingEvent resolved = secondRun.stream()
                        .filter(e -> e instanceof FindingEvent.Resolved)
                        .findFirst()
                        .orElseThrow();
                FindingEvent opened = secondRun.stream()
                        .filter(e -> e instanceof FindingEvent.Opened)
                        .findFirst()
                        .orElseThrow();
                assertThat(resolved.finding().id()).isEqualTo(fixedId);
                assertThat(opened.finding().id()).isEqualTo(introducedId);
                FindingEvent openedBefore = firstRun.stream()
                        .filter(e -> e.finding().id().equals(fixedId))
                        .reduce((a, b) -> b)
                        .orElseThrow();
                assertThat(EventIds.parse(resolved.id()))
                        .as("RESOLVED continues the open period of the first run")
                        .isEqualTo(new EventIds.EventId(
                                fixedId, openedBefore.openedAt().toEpochMilli(), openedBefore.sequence() + 1));
                assertThat(opened.sequence()).isEqualTo(1);

                List<String> published =
                        new ArrayList<>(firstRun.stream().map(FindingEvent::id).toList());
                secondRun.forEach(e -> published.add(e.id()));
                await().atMost(WAIT).until(() -> vigil.gauge("vigil_kafka_outbox_records") == 0);
                List<FindingStream.Event> events = FindingStream.events(kafka.bootstrapServers());
                FindingStream.assertExactlyOnceInOrder(events);
                assertThat(FindingStream.ids(events)).containsExactlyInAnyOrderElementsOf(published);
                assertThat(FindingStream.openOnStateTopic(kafka.bootstrapServers()))
                        .isEqualTo(expectedOpen);
            }
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static final String SEED = ShopManifests.join(
            ShopManifests.SHOP_NAMESPACE, ShopManifests.API_DEPLOYMENT_2, ShopManifests.WEB_DEPLOYMENT);
}
