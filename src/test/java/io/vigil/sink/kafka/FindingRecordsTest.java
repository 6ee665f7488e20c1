package io.vigil.sink.kafka;

import static io.vigil.sink.kafka.KafkaExamples.CLUSTER;
import static io.vigil.sink.kafka.KafkaExamples.EVENTS_TOPIC;
import static io.vigil.sink.kafka.KafkaExamples.FINDING_ID;
import static io.vigil.sink.kafka.KafkaExamples.PRODUCT_VERSION;
import static io.vigil.sink.kafka.KafkaExamples.STATE_TOPIC;
import static io.vigil.sink.kafka.KafkaExamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.format.FindingJson;
import io.vigil.model.FindingEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** DESIGN §7: each finding event as a CloudEvents 1.0 structured record carrying an OCSF Compliance Finding. */
class FindingRecordsTest {
    private final FindingRecords records = KafkaExamples.records();
    private final List<FindingEvent> lifecycle = KafkaExamples.lifecycle();

    /** type word -> {activity_id, status_id, compliance.status_id}. */
    private static final Map<String, List<Integer>> MAPPING = Map.of(
            "opened", List.of(1, 1, 3),
            "changed", List.of(2, 1, 3),
            "suppressed", List.of(2, 3, 3),
            "exception_expired", List.of(2, 1, 3),
            "resolved", List.of(3, 4, 1));

    @Test
    void everyEventTypeValidatesAgainstTheCloudEventsSchema() throws Exception {
        CloudEventsSchema schema = CloudEventsSchema.load();
        assertThat(lifecycle)
                .extracting(FindingEvent::type)
                .containsExactly("opened", "changed", "suppressed", "exception_expired", "resolved");
        for (FindingEvent e : lifecycle) {
            JsonNode event = json(records.eventsRecord(EVENTS_TOPIC, e).value());
            assertThat(schema.validate(event)).as(e.type()).isEmpty();
        }
    }

    @Test
    void theSchemaValidatorCanFail() throws Exception {
        CloudEventsSchema schema = CloudEventsSchema.load();
        ObjectNode event = (ObjectNode)
                json(records.eventsRecord(EVENTS_TOPIC, lifecycle.get(0)).value());
        assertThat(schema.validate(event)).isEmpty();
        assertThat(schema.validate(event.deepCopy().put("id", "")))
                .as("empty id")
                .isNotEmpty();
        assertThat(schema.validate(event.deepCopy().put("time", "yesterday")))
                .as("bad time")
                .isNotEmpty();
        ObjectNode noSource = event.deepCopy();
        noSource.remove("source");
        assertThat(schema.validate(noSource)).as("no source").isNotEmpty();
    }

    @Test
    void cloudEventAttributesAreExact() throws Exception {
        for (FindingEvent e : lifecycle) {
            JsonNode ce = json(records.eventsRecord(EVENTS_TOPIC, e).value());
            List<String> names = new ArrayList<>();
            ce.fieldNames().forEachRemaining(names::add);
            assertThat(names)
                    .containsExactlyInAnyOrder(
                            "specversion",
                            "id",
                            "source",
                            "type",
                            "datacontenttype",
                            "dataschema",
                            "subject",
                            "time",
                            "data");
            assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
            assertThat(ce.path("id").asText())
                    .isEqualTo(FINDING_ID + ":" + KafkaExamples.OPENED.toEpochMilli() + ":" + e.sequence())
                    .isEqualTo(e.id());
            assertThat(ce.path("type").asText()).isEqualTo("io.vigil.finding." + e.type());
            assertThat(ce.path("source").asText()).isEqualTo("/clusters/prod-eu-1");
            assertThat(ce.path("subject").asText()).isEqualTo(FINDING_ID);
            assertThat(ce.path("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(ce.path("dataschema").asText())
                    .isEqualTo("https://schema.ocsf.io/1.8.0/classes/compliance_finding");
            assertThat(java.time.OffsetDateTime.parse(ce.path("time").asText()).toInstant())
                    .isEqualTo(e.time());
            assertThat(ce.path("data").isObject()).isTrue();
        }
        assertThat(json(records.eventsRecord(EVENTS_TOPIC, lifecycle.get(0)).value())
                        .path("time")
                        .asText())
                .isEqualTo("2026-11-22T10:00:00Z");
        assertThat(json(records.eventsRecord(EVENTS_TOPIC, lifecycle.get(1)).value())
                        .path("time")
                        .asText())
                .isEqualTo("2026-11-22T10:05:00.25Z");
    }

    @Test
    void dataIsAnOcsfComplianceFindingWithEveryRequiredAttribute() throws Exception {
        for (FindingEvent e : lifecycle) {
            JsonNode d = json(records.eventsRecord(EVENTS_TOPIC, e).value()).path("data");
            List<Integer> expected = MAPPING.get(e.type());
            String what = e.type();
            assertThat(d.path("activity_id").asInt()).as(what).isEqualTo(expected.get(0));
            assertThat(d.path("status_id").asInt()).as(what).isEqualTo(expected.get(1));
            assertThat(d.path("compliance").path("status_id").asInt()).as(what).isEqualTo(expected.get(2));
            assertThat(d.path("compliance").path("status").asText())
                    .as(what)
                    .isEqualTo(expected.get(2) == 1 ? "Pass" : "Fail");
            assertThat(d.path("type_uid").asInt()).as(what).isEqualTo(200300 + expected.get(0));
            assertThat(d.path("category_uid").asInt()).isEqualTo(2);
            assertThat(d.path("class_uid").asInt()).isEqualTo(2003);
            assertThat(d.path("severity_id").asInt()).isEqualTo(4);
            assertThat(d.path("time").asLong()).isEqualTo(e.time().toEpochMilli());
            assertThat(d.at("/compliance/standards"))
                    .extracting(JsonNode::asText)
                    .containsExactly(
                            "CIS Kubernetes Benchmark v1.9.0",
                            "SOC 2",
                            "HIPAA Security Rule",
                            "NSA/CISA Kubernetes Hardening Guidance v1.2");
            assertThat(d.at("/compliance/requirements"))
                    .extracting(JsonNode::asText)
                    .containsExactly(
                            "CIS:5.4.1",
                            "SOC2:CC6.1",
                            "SOC2:CC6.7",
                            "HIPAA:164.312(a)(2)(iv)",
                            "NSA:network-separation");
            assertThat(d.at("/compliance/control").asText()).isEqualTo("CIS:5.4.1");
            assertThat(d.at("/finding_info/uid").asText()).isEqualTo(FINDING_ID);
            assertThat(d.at("/finding_info/title").asText())
                    .isEqualTo("Secret-looking literal in environment variable");
            assertThat(d.at("/finding_info/first_seen_time").asLong()).isEqualTo(KafkaExamples.OPENED.toEpochMilli());
            assertThat(d.at("/finding_info/last_seen_time").asLong())
                    .isEqualTo(e.tracked().status().lastSeen().toEpochMilli());
            assertThat(d.at("/finding_info/created_time").asLong())
                    .isEqualTo(e.openedAt().toEpochMilli());
            assertThat(d.at("/finding_info/modified_time").asLong())
                    .isEqualTo(e.time().toEpochMilli());
            assertThat(d.at("/metadata/product/name").asText()).isEqualTo("Vigil");
            assertThat(d.at("/metadata/product/vendor_name").asText()).isEqualTo("Vigil");
            assertThat(d.at("/metadata/product/version").asText()).isEqualTo(PRODUCT_VERSION);
            assertThat(d.at("/metadata/version").asText()).isEqualTo("1.8.0");
            assertThat(d.at("/metadata/uid").asText()).isEqualTo(e.id());
            assertThat(d.path("resources")).hasSize(1);
            JsonNode r = d.path("resources").get(0);
            assertThat(r.path("uid").asText()).isEqualTo(KafkaExamples.RESOURCE.uid());
            assertThat(r.path("name").asText()).isEqualTo("api");
            assertThat(r.path("type").asText()).isEqualTo("Deployment");
            assertThat(r.path("namespace").asText()).isEqualTo("shop");
            assertThat(r.at("/group/name").asText()).isEqualTo("apps");
            assertThat(r.at("/data/apiVersion").asText()).isEqualTo("apps/v1");
            assertThat(d.at("/remediation/desc").asText()).startsWith("move the value into a Secret");
            assertThat(d.at("/unmapped/vigil")).isEqualTo(FindingJson.toJson(e.tracked()));
            JsonNode ev = d.at("/unmapped/event");
            assertThat(ev.path("id").asText()).isEqualTo(e.id());
            assertThat(ev.path("eventType").asText()).isEqualTo(e.type());
            assertThat(ev.path("sequence").asLong()).isEqualTo(e.sequence());
            assertThat(ev.path("openedAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
            assertThat(ev.path("time").asText()).isEqualTo(e.time().toString());
            assertThat(ev.path("reason").asText()).isEqualTo(e.reason());
        }
    }

    @Test
    void valueRecordsAreKeyedByFindingIdWithTheStructuredContentType() {
        for (FindingEvent e : lifecycle) {
            for (ProducerRecord<byte[], byte[]> r :
                    List.of(records.eventsRecord(EVENTS_TOPIC, e), records.stateRecord(STATE_TOPIC, e))) {
                assertThat(utf8(r.key())).isEqualTo(FINDING_ID);
                assertThat(r.timestamp()).isEqualTo(e.time().toEpochMilli());
                assertThat(r.partition()).isNull();
                if (r.value() != null) {
                    assertThat(headers(r)).containsExactly("content-type=application/cloudevents+json");
                }
            }
            assertThat(records.eventsRecord(EVENTS_TOPIC, e).topic()).isEqualTo(EVENTS_TOPIC);
            assertThat(records.stateRecord(STATE_TOPIC, e).topic()).isEqualTo(STATE_TOPIC);
        }
    }

    @Test
    void theStateTopicCarriesTheSameValueExceptATombstoneOnResolve() {
        for (FindingEvent e : lifecycle.subList(0, 4)) {
            assertThat(records.stateRecord(STATE_TOPIC, e).value()).isEqualTo(records.value(e));
        }
        FindingEvent resolved = lifecycle.get(4);
        ProducerRecord<byte[], byte[]> tombstone = records.stateRecord(STATE_TOPIC, resolved);
        assertThat(tombstone.value()).isNull();
        assertThat(headers(tombstone))
                .containsExactly(
                        "ce_specversion=1.0",
                        "ce_id=" + FINDING_ID + ":" + KafkaExamples.OPENED.toEpochMilli() + ":5",
                        "ce_type=io.vigil.finding.resolved",
                        "ce_source=/clusters/prod-eu-1",
                        "ce_subject=" + FINDING_ID);
        assertThat(tombstone.headers().lastHeader("content-type")).isNull();
        assertThat(records.eventsRecord(EVENTS_TOPIC, resolved).value()).isNotNull();
    }

    @Test
    void pairsShareOneSerializationAndEqualTheSingleRecords() {
        for (FindingEvent e : lifecycle) {
            FindingRecords.Pair pair = records.records(EVENTS_TOPIC, STATE_TOPIC, e);
            assertThat(pair.events().value())
                    .isEqualTo(records.eventsRecord(EVENTS_TOPIC, e).value());
            assertThat(pair.state().value())
                    .isEqualTo(records.stateRecord(STATE_TOPIC, e).value());
            assertThat(headers(pair.state())).isEqualTo(headers(records.stateRecord(STATE_TOPIC, e)));
            assertThat(pair.events().headers()).isNotSameAs(pair.state().headers());
        }
    }

    @Test
    void scanAndKafkaShareTheOcsfMappingOfAClusterScopedCoreResource() throws Exception {
        var ref = new io.vigil.model.ResourceRef("v1", "Namespace", null, "shop", null);
        var f = new io.vigil.model.Finding(
                "x",
                CLUSTER,
                "pss-namespace-unenforced",
                "pod-security",
                io.vigil.model.Severity.HIGH,
                "t",
                "m",
                ref,
                "metadata.labels",
                null,
                "restricted",
                List.of(),
                "fix",
                null);
        var e = new FindingEvent.Opened(
                new io.vigil.model.TrackedFinding(f, io.vigil.model.FindingStatus.seenAt(KafkaExamples.OPENED)),
                1,
                KafkaExamples.OPENED,
                KafkaExamples.OPENED,
                "detected");
        JsonNode r = json(records.value(e)).at("/data/resources/0");
        List<String> names = new ArrayList<>();
        r.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("name", "type", "data");
        assertThat(json(records.value(e)).at("/data/compliance/standards/0").asText())
                .isEqualTo("Vigil guardrails");
        assertThat(json(records.value(e)).at("/data/compliance/control").asText())
                .isEqualTo("pss-namespace-unenforced");
    }

    @Test
    void clusterNamesMustBeUsable() {
        assertThatThrownBy(() -> new FindingRecords(" ", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FindingRecords("eu west", "1").source().toString()).isEqualTo("/clusters/eu%20west");
    }

    static JsonNode json(byte[] bytes) throws Exception {
        return FindingJson.MAPPER.readTree(bytes);
    }

    static List<String> headers(ProducerRecord<byte[], byte[]> r) {
        List<String> out = new ArrayList<>();
        Iterator<Header> it = r.headers().iterator();
        while (it.hasNext()) {
            Header h = it.next();
            out.add(h.key() + "=" + utf8(h.value()));
        }
        return out;
    }
}
