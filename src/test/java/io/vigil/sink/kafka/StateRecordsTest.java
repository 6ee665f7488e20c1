package io.vigil.sink.kafka;

import static io.vigil.sink.kafka.KafkaExamples.EVENTS_TOPIC;
import static io.vigil.sink.kafka.KafkaExamples.FINDING_ID;
import static io.vigil.sink.kafka.KafkaExamples.STATE_TOPIC;
import static io.vigil.sink.kafka.KafkaExamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.format.FindingJson;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.SourceLocation;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import io.vigil.pipeline.FindingLedger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Restart recovery reads the state topic back into exactly what was published. */
class StateRecordsTest {
    private final FindingRecords records = KafkaExamples.records();

    @Test
    void everyValueRecordRoundTripsToTheSameTrackedFindingOpenedAtAndSequence() {
        for (FindingEvent e : KafkaExamples.lifecycle().subList(0, 4)) {
            LastState s = read(records.stateRecord(STATE_TOPIC, e));
            assertThat(s.tracked()).as(e.type()).isEqualTo(e.tracked());
            assertThat(s.findingId()).isEqualTo(FINDING_ID);
            assertThat(s.eventId()).isEqualTo(e.id());
            assertThat(s.openedAt()).isEqualTo(e.openedAt());
            assertThat(s.openedAtMillis()).isEqualTo(e.openedAt().toEpochMilli());
            assertThat(s.sequence()).isEqualTo(e.sequence());
            assertThat(s.eventType()).isEqualTo(e.type());
            assertThat(s.resolved()).isFalse();
        }
        LastState suppressed =
                read(records.stateRecord(STATE_TOPIC, KafkaExamples.lifecycle().get(2)));
        assertThat(suppressed.tracked().status().suppression())
                .isEqualTo(new Suppression(KafkaExamples.EXCEPTION_ID, KafkaExamples.EXPIRES));
    }

    @Test
    void aTombstoneReadsBackAsResolvedWithoutAFinding() {
        FindingEvent resolved = KafkaExamples.lifecycle().get(4);
        LastState s = read(records.stateRecord(STATE_TOPIC, resolved));
        assertThat(s)
                .isEqualTo(new LastState(
                        FINDING_ID, resolved.id(), KafkaExamples.OPENED.toEpochMilli(), 5, "resolved", null));
        assertThat(s.resolved()).isTrue();
        assertThat(s.finding()).isEmpty();
    }

    @Test
    void everyFindingFieldSurvivesIncludingScanSourceNullsAndStatusFlags() {
        ResourceRef ref =
                new ResourceRef("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "ops-admin", null);
        Finding f = new Finding(
                "f1",
                "c1",
                "rbac-cluster-admin-binding",
                "rbac",
                Severity.CRITICAL,
                "Binding",
                null,
                ref,
                "roleRef",
                "cluster-admin",
                null,
                List.of(),
                "remove it",
                new SourceLocation("rbac.yaml", 7));
        TrackedFinding t = new TrackedFinding(
                f,
                new FindingStatus(
                        Instant.parse("2026-01-02T03:04:05.123456789Z"),
                        Instant.parse("2026-01-03T00:00:00Z"),
                        true,
                        false,
                        true,
                        new Suppression("exc-1", Instant.parse("2027-01-01T00:00:00Z"))));
        FindingEvent e = new FindingEvent.Changed(
                t,
                7,
                Instant.parse("2026-01-02T03:04:05.123Z"),
                Instant.parse("2026-01-03T00:00:00Z"),
                "evidence changed");

        LastState s = read(new FindingRecords("c1", "dev").stateRecord(STATE_TOPIC, e));

        assertThat(s.tracked()).isEqualTo(t);
        assertThat(s.sequence()).isEqualTo(7);
        assertThat(s.eventId()).isEqualTo("f1:1767323045123:7");
        assertThat(FindingJson.parse(FindingJson.toJson(t))).isEqualTo(t);
    }

    @Test
    void secretsStayMaskedThroughEveryRecordAndRoundTripUnchanged() {
        String masked = KafkaExamples.MASKING.mask(KafkaExamples.SECRET);
        assertThat(masked).matches("<masked len=25 hmac=[0-9a-f]{8}>");
        FindingEvent opened = KafkaExamples.lifecycle().get(0);
        assertThat(opened.finding().observed()).isEqualTo(masked);
        for (FindingEvent e : KafkaExamples.lifecycle()) {
            for (ProducerRecord<byte[], byte[]> r :
                    List.of(records.eventsRecord(EVENTS_TOPIC, e), records.stateRecord(STATE_TOPIC, e))) {
                String all = everything(r);
                assertThat(all)
                        .doesNotContain(KafkaExamples.SECRET)
                        .doesNotContain(KafkaExamples.ROTATED_SECRET)
                        .doesNotContain("Passw0rd");
                if (r.value() != null) {
                    assertThat(all).contains(e.finding().observed());
                }
            }
        }
        assertThat(read(records.stateRecord(STATE_TOPIC, opened))
                        .tracked()
                        .finding()
                        .observed())
                .isEqualTo(masked);
    }

    @Test
    void idsNeverRepeatAcrossAReopenAndOrderAsPublished() {
        FindingLedger ledger = new FindingLedger();
        ResourceKey subject = KafkaExamples.RESOURCE.key();
        Finding f = KafkaExamples.finding(KafkaExamples.SECRET);
        Finding rotated = KafkaExamples.finding(KafkaExamples.ROTATED_SECRET);
        Instant t = KafkaExamples.OPENED;
        List<FindingEvent> events = new ArrayList<>();
        events.addAll(ledger.reconcile(subject, List.of(f), Set.of(), t));
        events.addAll(ledger.reconcile(subject, List.of(rotated), Set.of(), t.plusSeconds(60)));
        events.addAll(ledger.reconcile(subject, List.of(), Set.of(), t.plusSeconds(120)));
        events.addAll(ledger.reconcile(subject, List.of(f), Set.of(), t.plusSeconds(180)));
        events.addAll(ledger.reconcile(subject, List.of(), Set.of(), t.plusSeconds(240)));
        assertThat(events)
                .extracting(FindingEvent::type)
                .containsExactly("opened", "changed", "resolved", "opened", "resolved");
        assertThat(events).extracting(FindingEvent::sequence).containsExactly(1L, 2L, 3L, 1L, 2L);

        List<String> ids = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        for (FindingEvent e : events) {
            String ceId = read(records.eventsRecord(EVENTS_TOPIC, e)).eventId();
            ids.add(ceId);
            assertThat(eventIds.add(ceId)).as("id %s repeats", ceId).isTrue();
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(EventIds.isAfter(ids.get(i), ids.get(i - 1)))
                    .as(ids.get(i))
                    .isTrue();
            assertThat(EventIds.isAfter(ids.get(i - 1), ids.get(i))).isFalse();
            for (int j = 0; j < i; j++) {
                assertThat(EventIds.alreadyPublished(ids.get(j), ids.get(i))).isTrue();
            }
        }
        LastState afterFirstResolve = read(records.stateRecord(STATE_TOPIC, events.get(2)));
        assertThat(afterFirstResolve.covers(events.get(1).id())).isTrue();
        assertThat(afterFirstResolve.covers(events.get(3).id()))
                .as("the reopen is new")
                .isFalse();
    }

    @Test
    void eventIdOrder() {
        String a = "abc:1000:2";
        assertThat(EventIds.isAfter("abc:1000:3", a)).isTrue();
        assertThat(EventIds.isAfter("abc:2000:1", a)).isTrue();
        assertThat(EventIds.isAfter("abc:999:9", a)).isFalse();
        assertThat(EventIds.isAfter(a, a)).isFalse();
        assertThat(EventIds.alreadyPublished(a, a)).isTrue();
        assertThat(EventIds.isAfter("abc:1000:10", "abc:1000:9"))
                .as("numeric, not text")
                .isTrue();
        assertThat(EventIds.parse(a)).isEqualTo(new EventIds.EventId("abc", 1000, 2));
        assertThat(EventIds.parse(a).toString()).isEqualTo(a);
        assertThatThrownBy(() -> EventIds.isAfter("abc:1:1", "abd:1:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different findings");
        for (String bad : List.of("", "abc", "abc:1", ":1:1", "abc:x:1", "abc:1:0", "abc:1:")) {
            assertThatThrownBy(() -> EventIds.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void malformedRecordsYieldAClearResultNotAnException() {
        FindingEvent opened = KafkaExamples.lifecycle().get(0);
        byte[] key = FINDING_ID.getBytes(StandardCharsets.UTF_8);
        byte[] good = records.value(opened);
        ObjectNode ce = (ObjectNode) json(good);

        assertMalformed(StateRecords.read(null, good, new RecordHeaders()), "<null>", "the record has no key");
        assertMalformed(
                StateRecords.read(key, "not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders()),
                FINDING_ID,
                "the value is not a structured CloudEvent");
        assertMalformed(
                StateRecords.read("other".getBytes(StandardCharsets.UTF_8), good, new RecordHeaders()),
                "other",
                "subject " + FINDING_ID + " differs from the key");
        assertMalformed(
                StateRecords.read(
                        key, bytes(ce.deepCopy().put("type", "io.vigil.config.changed")), new RecordHeaders()),
                FINDING_ID,
                "not a finding event type: io.vigil.config.changed");
        assertMalformed(
                StateRecords.read(key, bytes(ce.deepCopy().put("id", FINDING_ID + ":x:1")), new RecordHeaders()),
                FINDING_ID,
                "event id is not <finding id>:<opened-at ms>:<sequence>");
        ObjectNode noSeverity = ce.deepCopy();
        ((ObjectNode) noSeverity.at("/data/unmapped/vigil")).put("severity", "urgent");
        assertMalformed(
                StateRecords.read(key, bytes(noSeverity), new RecordHeaders()),
                FINDING_ID,
                "finding field 'severity' is not a severity: urgent");
        ObjectNode noLastSeen = ce.deepCopy();
        ((ObjectNode) noLastSeen.at("/data/unmapped/vigil")).remove("lastSeen");
        assertMalformed(
                StateRecords.read(key, bytes(noLastSeen), new RecordHeaders()),
                FINDING_ID,
                "finding field 'lastSeen' is missing");
        ObjectNode noUnmapped = ce.deepCopy();
        ((ObjectNode) noUnmapped.get("data")).remove("unmapped");
        assertMalformed(
                StateRecords.read(key, bytes(noUnmapped), new RecordHeaders()),
                FINDING_ID,
                "data.unmapped.vigil is missing");
        ObjectNode wrongSequence = ce.deepCopy();
        ((ObjectNode) wrongSequence.at("/data/unmapped/event")).put("sequence", 9);
        assertMalformed(
                StateRecords.read(key, bytes(wrongSequence), new RecordHeaders()),
                FINDING_ID,
                "data.unmapped.event.sequence 9 differs from the event id");

        RecordHeaders partial = new RecordHeaders();
        partial.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        partial.add("ce_type", "io.vigil.finding.resolved".getBytes(StandardCharsets.UTF_8));
        partial.add("ce_subject", key);
        assertMalformed(StateRecords.read(key, null, partial), FINDING_ID, "tombstone without header ce_id");
        RecordHeaders oldSpec = new RecordHeaders(partial.toArray());
        oldSpec.remove("ce_specversion");
        oldSpec.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
        assertMalformed(
                StateRecords.read(key, null, oldSpec),
                FINDING_ID,
                "tombstone header ce_specversion is 0.3, expected 1.0");
        // a bare tombstone without headers (e.g. deleted by hand): malformed, says so
        StateRecords.Result hand = StateRecords.read(key, null, null);
        assertThat(hand).isInstanceOf(StateRecords.Malformed.class);
        assertThat(hand.toString())
                .isEqualTo("malformed state record (key " + FINDING_ID + "): tombstone without header ce_specversion");
    }

    private static void assertMalformed(StateRecords.Result result, String key, String reasonStart) {
        assertThat(result).isInstanceOf(StateRecords.Malformed.class);
        StateRecords.Malformed m = (StateRecords.Malformed) result;
        assertThat(m.key()).isEqualTo(key);
        assertThat(m.reason()).startsWith(reasonStart);
    }

    static LastState read(ProducerRecord<byte[], byte[]> r) {
        StateRecords.Result result = StateRecords.read(r.key(), r.value(), r.headers());
        assertThat(result).isInstanceOf(LastState.class);
        return (LastState) result;
    }

    private static String everything(ProducerRecord<byte[], byte[]> r) {
        StringBuilder b = new StringBuilder(utf8(r.key()));
        if (r.value() != null) {
            b.append(utf8(r.value()));
        }
        r.headers().forEach(h -> b.append(h.key()).append(utf8(h.value())));
        return b.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(byte[] b) {
        try {
            return FindingJson.MAPPER.readTree(b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
