package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.check.AuditSettings;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.testing.FindingStream;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ShopManifests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §7: the broker stops in the middle of the stream (a change is being published as it goes down) and the
 * cluster keeps changing; the events wait in the outbox (metric > 0) while Vigil stays ready, since the outbox is
 * not full. The broker comes back at the same address: the outbox drains to zero and a read_committed consumer
 * sees every event id exactly once, in sequence order per finding, and the compacted topic equals the open
 * findings.
 */
class KafkaBrokerOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AuditSettings SETTINGS = AuditSettings.defaults();
    private static final int OUTBOX_MAX = 10_000;

    @TempDir
    Path dataDir;

    @Test
    void everyEventOnceInOrderAfterTheBrokerComesBack() {
        try (KafkaForTests kafka = KafkaForTests.start();
                EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            var kube = cluster.admin();
            apply(cluster, SEED);
            try (RunningVigil vigil =
                    RunningVigil.startWithKafka(cluster.newClient(), kafka.bootstrapServers(), dataDir, OUTBOX_MAX)) {
                await().atMost(WAIT).until(() -> vigil.service().ready());
                awaitPublished(kafka, vigil);
                int before = vigil.events().size();

                // mid-stream: a change is on its way to Kafka while the broker goes down
                apply(cluster, CACHE);
                kafka.stop();
                apply(cluster, API_HARDENED);
                kube.apps().deployments().inNamespace("shop").withName("worker").delete();
                kube.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("shop/web:2.2");
                    d.getSpec().getTemplate().getSpec().setHostPID(true);
                    return d;
                });

                await().atMost(WAIT)
                        .alias("the pipeline follows the cluster while Kafka is down")
                        .untilAsserted(() ->
                                assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS)));
                await().atMost(WAIT)
                        .alias("undeliverable events wait in the outbox")
                        .until(() -> vigil.gauge("vigil_kafka_outbox_records") > 0);
                double waiting = vigil.gauge("vigil_kafka_outbox_records");
                assertThat(waiting).isLessThan(OUTBOX_MAX);
                var ready = vigil.readyz();
                assertThat(ready.statusCode())
                        .as("ready while the outbox is not full: %s", ready.body())
                        .isEqualTo(200);
                assertThat(vigil.service().ready()).isTrue();
                List<FindingEvent> during =
                        vigil.events().subList(before, vigil.events().size());
                assertThat(types(during))
                        .as("the outage saw opened, changed and resolved events")
                        .contains("opened", "changed", "resolved");

                kafka.restart();
                await().atMost(WAIT)
                        .alias("the outbox drains")
                        .until(() -> vigil.gauge("vigil_kafka_outbox_records") == 0);
                awaitPublished(kafka, vigil);

                // the producer is healthy again: a new change goes straight through
                kube.apps().deployments().inNamespace("shop").withName("cache").delete();
                await().atMost(WAIT)
                        .untilAsserted(() ->
                                assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS)));
                awaitPublished(kafka, vigil);

                List<FindingStream.Event> events = FindingStream.events(kafka.bootstrapServers());
                FindingStream.assertExactlyOnceInOrder(events);
                assertThat(FindingStream.ids(events))
                        .containsExactlyInAnyOrderElementsOf(
                                vigil.events().stream().map(FindingEvent::id).toList());
                assertThat(FindingStream.openOnStateTopic(kafka.bootstrapServers()))
                        .isEqualTo(vigil.openIds())
                        .isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS));
                assertThat(vigil.gauge("vigil_kafka_outbox_records")).isZero();
            }
        }
    }

    /** The events topic holds exactly what Vigil published (each id once: a duplicate fails the comparison). */
    static void awaitPublished(KafkaForTests kafka, RunningVigil vigil) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(FindingStream.ids(FindingStream.events(kafka.bootstrapServers())))
                        .containsExactlyInAnyOrderElementsOf(
                                vigil.events().stream().map(FindingEvent::id).toList()));
    }

    private static Set<String> types(List<FindingEvent> events) {
        return events.stream().map(FindingEvent::type).collect(Collectors.toSet());
    }

    static void apply(EmbeddedCluster cluster, String yaml) {
        cluster.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String SEED = ShopManifests.join(
            ShopManifests.SHOP_NAMESPACE,
            ShopManifests.API_DEPLOYMENT,
            ShopManifests.WORKER_DEPLOYMENT,
            ShopManifests.WEB_DEPLOYMENT);

    private static final String CACHE = ShopManifests.CACHE_DEPLOYMENT;

    private static final String API_HARDENED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  automountServiceAccountToken: false
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 1000
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                    - name: api
                      image: shop/api:1.4.2
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities: {drop: [ALL]}
                      resources:
                        limits: {memory: 256Mi, cpu: 500m}
                        requests: {memory: 128Mi, cpu: 100m}
            """;
}
