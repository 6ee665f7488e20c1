package io.vigil.sink.kafka;

import static io.vigil.sink.kafka.KafkaExamples.EVENTS_TOPIC;
import static io.vigil.sink.kafka.KafkaExamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SpecVersion;
import io.vigil.format.FindingJson;
import io.vigil.model.ConfigChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** DESIGN §6: a change of the baseline or the exceptions is an event on the events topic. */
class ConfigChangedRecordsTest {
    private static final Path DATA_SCHEMA = Path.of("docs/schemas/config-changed.v1.json");
    private final ConfigChangedRecords records = new ConfigChangedRecords(KafkaExamples.CLUSTER);

    @Test
    void theRecordIsKeyedByClusterWithAnIdFromTheDigestAfter() throws Exception {
        ConfigChange change = KafkaExamples.configChange();
        ProducerRecord<byte[], byte[]> r = records.eventsRecord(EVENTS_TOPIC, change);
        assertThat(r.topic()).isEqualTo(EVENTS_TOPIC);
        assertThat(utf8(r.key())).isEqualTo("config/prod-eu-1");
        assertThat(r.timestamp()).isEqualTo(KafkaExamples.CONFIG_CHANGED.toEpochMilli());
        assertThat(FindingRecordsTest.headers(r)).containsExactly("content-type=application/cloudevents+json");
        JsonNode ce = FindingJson.MAPPER.readTree(r.value());
        assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
        assertThat(ce.path("id").asText()).isEqualTo("config:" + change.digestAfter());
        assertThat(ce.path("type").asText()).isEqualTo("io.vigil.config.changed");
        assertThat(ce.path("source").asText()).isEqualTo("/clusters/prod-eu-1");
        assertThat(ce.path("subject").asText()).isEqualTo("config");
        assertThat(ce.path("time").asText()).isEqualTo("2026-11-22T11:29:59Z");
        assertThat(ce.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(ce.path("dataschema").asText()).isEqualTo("https://vigil.io/schemas/config-changed/v1.json");
        assertThat(ce.path("data")).isEqualTo(FindingJson.MAPPER.readTree("""
                {"cluster": "prod-eu-1", "changed": ["exceptions"],
                 "digestBefore": "6f1d0c3a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817063e2d",
                 "digestAfter": "a3c5e7f90b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f1a",
                 "time": "2026-11-22T11:29:59Z",
                 "details": ["exception exc-shop-db-password added (check secret-literal-env, namespace shop, expires 2026-12-01T00:00:00Z)"]}
                """));
    }

    @Test
    void eventAndDataValidateAgainstTheirSchemas() throws Exception {
        CloudEventsSchema ce = CloudEventsSchema.load();
        JsonSchema data = CloudEventsSchema.schema(DATA_SCHEMA, SpecVersion.VersionFlag.V202012);
        assertThat(FindingJson.MAPPER
                        .readTree(Files.readString(DATA_SCHEMA))
                        .path("$id")
                        .asText())
                .isEqualTo(ConfigChangedRecords.DATA_SCHEMA.toString());
        ConfigChange first = new ConfigChange(
                EnumSet.allOf(ConfigChange.Part.class), null, "d1", Instant.parse("2026-01-01T00:00:00Z"), null);
        for (ConfigChange c : List.of(KafkaExamples.configChange(), first)) {
            JsonNode event = FindingJson.MAPPER.readTree(records.value(c));
            assertThat(ce.validate(event)).isEmpty();
            assertThat(data.validate(event.path("data"))).isEmpty();
        }
        JsonNode firstData = records.data(first);
        assertThat(firstData.path("changed")).extracting(JsonNode::asText).containsExactly("baseline", "exceptions");
        assertThat(firstData.path("digestBefore").isNull()).isTrue();
        assertThat(firstData.path("details")).isEmpty();
        ObjectNode bad = records.data(first).put("changed", "everything");
        assertThat(data.validate(bad)).as("the data schema really validates").isNotEmpty();
        ObjectNode extra = records.data(first).put("surprise", 1);
        assertThat(data.validate(extra)).isNotEmpty();
    }

    @Test
    void aChangeNamesWhatChangedAndAUsableDigest() {
        Instant t = Instant.EPOCH;
        assertThatThrownBy(() -> new ConfigChange(Set.of(), null, "d", t, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        for (String digest : new String[] {null, "", " ", "a b"}) {
            assertThatThrownBy(() -> new ConfigChange(Set.of(ConfigChange.Part.BASELINE), null, digest, t, List.of()))
                    .as(String.valueOf(digest))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
