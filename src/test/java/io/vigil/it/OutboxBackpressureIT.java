package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vigil.check.AuditSettings;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.pipeline.AuditVerticle;
import io.vigil.sink.kafka.KafkaSink;
import io.vigil.testing.FindingStream;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.RunningVigil;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * DESIGN §7: a full outbox applies backpressure and loses nothing. With room for 5 events and the broker down, the
 * first change fills the outbox: the sink stops accepting (a log line, the outbox metric, readiness 503 naming the
 * sink), the pipeline stops taking keys (they wait, {@code vigil_queue_keys} > 0) while the cluster keeps
 * changing. The broker comes back: the outbox drains to zero, the waiting keys are evaluated from the cache's
 * current state, and the open findings equal a fresh full evaluation, as do the state topic's open keys; every
 * event reached the events topic once, in order.
 */
class OutboxBackpressureIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AuditSettings SETTINGS = AuditSettings.defaults();
    private static final int OUTBOX_MAX = 5;

    @TempDir
    Path dataDir;

    @Test
    void aFullOutboxPausesTheAuditAndLosesNothing() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger sinkLog = (Logger) LoggerFactory.getLogger(KafkaSink.class);
        Logger pipelineLog = (Logger) LoggerFactory.getLogger(AuditVerticle.class);
        sinkLog.addAppender(log);
        pipelineLog.addAppender(log);
        try (KafkaForTests kafka = KafkaForTests.start();
                EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            var kube = cluster.admin();
            KafkaBrokerOutageIT.apply(cluster, """
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: shop}
                    """);
            try (RunningVigil vigil =
                    RunningVigil.startWithKafka(cluster.newClient(), kafka.bootstrapServers(), dataDir, OUTBOX_MAX)) {
                await().atMost(WAIT).until(() -> vigil.service().ready());
                KafkaBrokerOutageIT.awaitPublished(kafka, vigil);

                kafka.stop();
                KafkaBrokerOutageIT.apply(cluster, deployment("app-0"));
                await().atMost(WAIT)
                        .alias("the first change fills the outbox")
                        .until(() -> vigil.gauge("vigil_kafka_outbox_records") >= OUTBOX_MAX);
                var notReady = vigil.readyz();
                assertThat(notReady.statusCode()).isEqualTo(503);
                assertThat(notReady.body()).contains("KafkaSink cannot accept events");
                assertThat(messages(log)).anyMatch(m -> m.startsWith("outbox full ("));

                int eventsWhenFull = vigil.events().size();
                for (int i = 1; i <= 6; i++) {
                    KafkaBrokerOutageIT.apply(cluster, deployment("app-" + i));
                }
                await().atMost(WAIT)
                        .alias("the pipeline stops taking keys: they wait")
                        .until(() -> vigil.gauge("vigil_queue_keys") >= 6);
                await().atMost(WAIT)
                        .until(() -> messages(log).stream()
                                .anyMatch(m -> m.startsWith("a sink is not accepting events: pausing evaluation")));
                assertThat(vigil.events())
                        .as("nothing is evaluated while the outbox is full")
                        .hasSize(eventsWhenFull);
                assertThat(vigil.open())
                        .as("the waiting workloads have no findings yet")
                        .noneMatch(t -> t.finding().resource().name().equals("app-6"));
                assertThat(vigil.readyz().statusCode()).isEqualTo(503);

                kafka.restart();
                await().atMost(WAIT)
                        .alias("the outbox drains")
                        .until(() ->
                                vigil.gauge("vigil_kafka_outbox_records") == 0 && vigil.gauge("vigil_queue_keys") == 0);
                await().atMost(WAIT)
                        .untilAsserted(() ->
                                assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS)));
                KafkaBrokerOutageIT.awaitPublished(kafka, vigil);
                await().atMost(WAIT).until(() -> vigil.readyz().statusCode() == 200);

                List<FindingStream.Event> events = FindingStream.events(kafka.bootstrapServers());
                FindingStream.assertExactlyOnceInOrder(events);
                assertThat(FindingStream.ids(events))
                        .containsExactlyInAnyOrderElementsOf(
                                vigil.events().stream().map(FindingEvent::id).toList());
                assertThat(FindingStream.openOnStateTopic(kafka.bootstrapServers()))
                        .isEqualTo(vigil.openIds())
                        .isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS));
            }
        } finally {
            sinkLog.detachAppender(log);
            pipelineLog.detachAppender(log);
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> log) {
        synchronized (log) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static String deployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: shop}
                spec:
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers:
                        - name: main
                          image: shop/%1$s:latest
                          securityContext: {privileged: true}
                """.formatted(name);
    }
}
