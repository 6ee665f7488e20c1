package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.ClusterView;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import io.vigil.model.Suppression;
import io.vigil.testing.LogCapture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outcomes -> ledger -> policy -> metrics -> sinks (DESIGN §3, §6, §7), without a Vert.x instance. */
class LedgerPublisherTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ResourceRef API = new ResourceRef("apps/v1", "Deployment", "shop", "api", "u1");
    private static final Finding PRIVILEGED = Findings.of("privileged-container", API, "true");
    private static final Finding LATEST = Findings.of("image-latest-tag", API, "nginx:latest");

    private final FindingLedger ledger = new FindingLedger();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final Sink first = new Sink("first", false);
    private final Sink second = new Sink("second", false);
    private final List<String> published = new ArrayList<>();
    private final MemorySource view = new MemorySource();
    private LedgerPublisher publisher = publisher(first, second);

    private LedgerPublisher publisher(FindingSink... sinks) {
        return new LedgerPublisher(ledger, List.of(sinks), metrics, Clock.fixed(T0, ZoneOffset.UTC));
    }

    private static Outcome evaluated(ResourceRef subject, long received, Finding... findings) {
        return new Outcome(
                new Queued(subject.key(), received),
                Optional.of(new KubeObject(subject, null, null)),
                new Evaluator.Result(List.of(findings), List.of()));
    }

    private static Outcome gone(ResourceRef subject) {
        return new Outcome(new Queued(subject.key(), 7), Optional.empty(), null);
    }

    private void apply(FindingPolicy policy, boolean kindSynced, Outcome... outcomes) {
        publisher.apply(List.of(outcomes), policy, view, kind -> kindSynced);
    }

    @Test
    void theEventsOfEachOutcomeGoToTheMetricsThenToEverySinkInOrder() {
        apply(FindingPolicy.NONE, true, evaluated(API, 42, PRIVILEGED, LATEST));
        apply(FindingPolicy.NONE, true, evaluated(API, 43, LATEST));

        assertThat(published)
                .containsExactly(
                        "first [opened privileged-container, opened image-latest-tag] received 42",
                        "second [opened privileged-container, opened image-latest-tag] received 42",
                        "first [resolved privileged-container] received 43",
                        "second [resolved privileged-container] received 43");
        assertThat(metrics.calls)
                .as("no sink acknowledges: the hand-over is the change-to-publish point")
                .containsExactly(
                        "published [opened privileged-container, opened image-latest-tag]",
                        "handed over",
                        "published [resolved privileged-container]",
                        "handed over");
        assertThat(ledger.openIds(API.key())).containsExactly(LATEST.id());
    }

    @Test
    void aSinkThatAcknowledgesRecordsTheLatencyItself() {
        publisher = publisher(new Sink("kafka", true));
        apply(FindingPolicy.NONE, true, evaluated(API, 1, PRIVILEGED));
        assertThat(metrics.calls).containsExactly("published [opened privileged-container]");
    }

    @Test
    void anObjectGoneFromASyncedKindResolvesButFromAnUnsyncedOneItStaysOpen() {
        apply(FindingPolicy.NONE, true, evaluated(API, 1, PRIVILEGED));
        published.clear();

        apply(FindingPolicy.NONE, false, gone(API));
        assertThat(published).as("unseen is not deleted").isEmpty();
        assertThat(ledger.openIds(API.key())).containsExactly(PRIVILEGED.id());

        apply(FindingPolicy.NONE, true, gone(API));
        assertThat(published)
                .containsExactly(
                        "first [resolved privileged-container] received 7",
                        "second [resolved privileged-container] received 7");
        assertThat(ledger.size()).isZero();
    }

    @Test
    void anObjectThePolicyRecordsAsDeletedIsDriftNotAFix() {
        Finding deleted = Findings.of("baseline-drift", API, "deleted");
        apply(FindingPolicy.NONE, true, evaluated(API, 1, PRIVILEGED));
        published.clear();

        apply(deleting(deleted), true, gone(API));
        assertThat(published)
                .containsExactly(
                        "first [opened baseline-drift, resolved privileged-container] received 7",
                        "second [opened baseline-drift, resolved privileged-container] received 7");
        assertThat(ledger.openIds(API.key())).containsExactly(deleted.id());
    }

    @Test
    void aCheckThatThrowsKeepsItsFindingsOpenIsCountedEachTimeAndLoggedOncePerCheckAndKey() {
        apply(FindingPolicy.NONE, true, evaluated(API, 1, PRIVILEGED, LATEST));
        metrics.calls.clear();
        KubeObject subject = new KubeObject(API, null, null);
        Outcome failing = new Outcome(
                new Queued(API.key(), 2),
                Optional.of(subject),
                new Evaluator.Result(
                        List.of(LATEST),
                        List.of(new Evaluator.CheckFailure(
                                "privileged-container", subject, new IllegalStateException("bug")))));

        try (LogCapture log = LogCapture.start("io.vigil.pipeline")) {
            apply(FindingPolicy.NONE, true, failing);
            apply(FindingPolicy.NONE, true, failing);
            assertThat(log.messages())
                    .containsExactly(
                            "check privileged-container failed on Deployment:shop/api; its earlier findings stay open");
        }
        assertThat(metrics.calls)
                .containsExactly("check error privileged-container", "check error privileged-container");
        assertThat(ledger.openIds(API.key())).containsExactlyInAnyOrder(PRIVILEGED.id(), LATEST.id());
    }

    @Test
    void aNewPolicyPublishesTheSuppressionsItChangesAndTheMetricsRetag() {
        apply(FindingPolicy.NONE, true, evaluated(API, 1, PRIVILEGED, LATEST));
        published.clear();
        metrics.calls.clear();

        publisher.install(suppressing(PRIVILEGED));
        assertThat(published)
                .extracting(line -> line.replaceAll(" received -?\\d+$", ""))
                .containsExactly("first [suppressed privileged-container]", "second [suppressed privileged-container]");
        assertThat(metrics.calls).containsExactly("published [suppressed privileged-container]", "retagged 2");
    }

    @Test
    void backpressureWhileAnySinkRefuses() {
        assertThat(publisher.sinksAccepting()).isTrue();
        second.accepting = false;
        assertThat(publisher.sinksAccepting()).isFalse();
    }

    private final class Sink implements FindingSink {
        private final String name;
        private final boolean acknowledges;
        boolean accepting = true;

        Sink(String name, boolean acknowledges) {
            this.name = name;
            this.acknowledges = acknowledges;
        }

        @Override
        public void publish(List<FindingEvent> events, long receivedNanos) {
            published.add(name + " "
                    + events.stream()
                            .map(e -> e.type() + " " + e.finding().checkId())
                            .toList() + " received "
                    + receivedNanos);
        }

        @Override
        public boolean acknowledges() {
            return acknowledges;
        }

        @Override
        public boolean accepting() {
            return accepting;
        }
    }

    private static FindingPolicy deleting(Finding deletion) {
        return new FindingPolicy.Empty() {
            @Override
            public Optional<Finding> deletion(ResourceKey key, ClusterView view) {
                return key.equals(deletion.resource().key()) ? Optional.of(deletion) : Optional.empty();
            }
        };
    }

    private static FindingPolicy suppressing(Finding covered) {
        return new FindingPolicy.Empty() {
            @Override
            public Optional<Suppression> suppression(Finding finding, Instant now) {
                return finding.id().equals(covered.id())
                        ? Optional.of(new Suppression("legacy", T0.plusSeconds(3600)))
                        : Optional.empty();
            }
        };
    }
}
