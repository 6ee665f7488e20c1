package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.format.FindingJson;
import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.KafkaReader;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.SharedData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings reach a real broker exactly as published: every event once, in sequence per finding, valid
 * CloudEvents with OCSF data; the compacted topic's latest values are the open findings and RESOLVED is a
 * tombstone carrying the ce_* headers.
 */
class KafkaStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void eventsAndStateTopicsMirrorTheLedger() throws Exception {
        JsonSchema cloudEvents;
        try (InputStream in = Files.newInputStream(SharedData.require("schemas/cloudevents-1.0.json"))) {
            cloudEvents =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        try (KafkaForTests kafka = KafkaForTests.start();
                EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            var kube = cluster.admin();
            kube.resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("shop")
                            .endMetadata()
                            .build())
                    .create();
            try (RunningVigil vigil =
                    RunningVigil.startWithKafka(cluster.newClient(), kafka.bootstrapServers(), dataDir, 10_000)) {
                await().atMost(WAIT).until(() -> vigil.service().ready());
                kube.resource(new DeploymentBuilder()
                                .withNewMetadata()
                                .withName("api")
                                .withNamespace("shop")
                                .endMetadata()
                                .withNewSpec()
                                .withNewSelector()
                                .addToMatchLabels("app", "api")
                                .endSelector()
                                .withNewTemplate()
                                .withNewMetadata()
                                .addToLabels("app", "api")
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("api")
                                .withImage("shop/api:latest")
                                .withNewSecurityContext()
                                .withPrivileged(true)
                                .endSecurityContext()
                                .endContainer()
                                .endSpec()
                                .endTemplate()
                                .endSpec()
                                .build())
                        .create();
                await().atMost(WAIT).until(() -> checks(vigil.open()).contains("privileged-container"));
                kube.apps().deployments().inNamespace("shop").withName("api").edit(d -> {
                    d.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getSecurityContext()
                            .setPrivileged(false);
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("shop/api:1.2");
                    return d;
                });
                await().atMost(WAIT)
                        .until(() ->
                                vigil.eventsOfType(FindingEvent.Resolved.class).size() >= 2);

                List<String> published =
                        vigil.events().stream().map(FindingEvent::id).toList();
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(
                                        ids(KafkaReader.readAll(kafka.bootstrapServers(), "vigil.finding-events.v1")))
                                .containsExactlyInAnyOrderElementsOf(published));

                List<ConsumerRecord<byte[], byte[]>> events =
                        KafkaReader.readAll(kafka.bootstrapServers(), "vigil.finding-events.v1");
                assertInSequencePerFinding(events);
                for (ConsumerRecord<byte[], byte[]> r : events) {
                    JsonNode ce = FindingJson.MAPPER.readTree(r.value());
                    assertThat(cloudEvents.validate(ce))
                            .as("CloudEvents schema for %s", ce.path("id"))
                            .isEmpty();
                    assertThat(ce.path("subject").asText()).isEqualTo(new String(r.key(), StandardCharsets.UTF_8));
                    assertThat(ce.at("/data/class_uid").asInt()).isEqualTo(2003);
                    assertThat(ce.at("/data/type_uid").asInt())
                            .isEqualTo(200300 + ce.at("/data/activity_id").asInt());
                    assertThat(header(r, "content-type")).isEqualTo("application/cloudevents+json");
                }

                Map<String, ConsumerRecord<byte[], byte[]>> latest = new HashMap<>();
                KafkaReader.readAll(kafka.bootstrapServers(), "vigil.findings.v1")
                        .forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8), r));
                Set<String> openOnTopic = latest.entrySet().stream()
                        .filter(e -> e.getValue().value() != null)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
                assertThat(openOnTopic).isEqualTo(vigil.openIds());
                List<ConsumerRecord<byte[], byte[]>> tombstones =
                        latest.values().stream().filter(r -> r.value() == null).toList();
                assertThat(tombstones)
                        .hasSize(vigil.eventsOfType(FindingEvent.Resolved.class).size());
                for (ConsumerRecord<byte[], byte[]> t : tombstones) {
                    assertThat(header(t, "ce_specversion")).isEqualTo("1.0");
                    assertThat(header(t, "ce_type")).isEqualTo("io.vigil.finding.resolved");
                    assertThat(header(t, "ce_source")).isEqualTo("/clusters/default");
                    assertThat(header(t, "ce_subject")).isEqualTo(new String(t.key(), StandardCharsets.UTF_8));
                    assertThat(header(t, "ce_id")).startsWith(header(t, "ce_subject") + ":");
                    assertThat(t.headers().lastHeader("content-type")).isNull();
                }
                assertThat(vigil.service().metrics().scrape("text/plain"))
                        .contains("vigil_change_to_publish_seconds_count")
                        .contains("vigil_kafka_outbox_records 0.0");
            }
        }
    }

    private static Set<String> checks(List<TrackedFinding> open) {
        return open.stream().map(t -> t.finding().checkId()).collect(Collectors.toSet());
    }

    private static List<String> ids(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(FindingJson.MAPPER.readTree(r.value()).path("id").asText());
        }
        return out;
    }

    /** Within each partition, a finding's events appear in sequence order, each once. */
    static void assertInSequencePerFinding(List<ConsumerRecord<byte[], byte[]>> events) throws Exception {
        Map<String, Long> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : events) {
            String id = FindingJson.MAPPER.readTree(r.value()).path("id").asText();
            String[] parts = id.split(":");
            String period = parts[0] + ":" + parts[1];
            long seq = Long.parseLong(parts[2]);
            Long previous = last.put(period, seq);
            assertThat(seq).as("sequence of %s", id).isEqualTo(previous == null ? 1 : previous + 1);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
