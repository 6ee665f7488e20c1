package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The report's side of the history: the period and the tallies, over a source held in memory. */
class EventHistoryTest {
    private static final Instant CAPTURED = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-31T00:00:00Z");
    private static final List<String> PRIVILEGED = List.of("CIS:5.2.2", "SOC2:CC6.8", "SOC2:CC7.1");

    /** The events a topic would hold, handed out in the order given (a topic's partitions interleave). */
    private record InMemory(String name, List<HistoryEvent> events) implements HistorySource {
        @Override
        public void replay(Consumer<HistoryEvent> each) {
            events.forEach(each);
        }
    }

    private static HistoryEvent event(String type, String time, List<String> controls) {
        return new HistoryEvent(type, Instant.parse(time), controls);
    }

    /** The history section of a report written now over {@code source} from {@code from}, as Markdown. */
    private static String section(HistorySource source, Instant from, Framework framework) {
        Doc doc = new Doc(framework.title() + " report");
        HistorySection.append(doc, EventHistory.read(source, from, NOW), framework);
        return MarkdownRenderer.render(doc);
    }

    private static final InMemory TOPIC = new InMemory(
            "vigil.finding-events.v1",
            List.of(
                    event("opened", "2026-02-27T10:00:00Z", PRIVILEGED),
                    event("resolved", "2026-03-02T10:00:00Z", PRIVILEGED),
                    event("opened", "2026-03-01T00:00:00Z", List.of("SOC2:CC6.1")),
                    event("suppressed", "2026-03-05T00:00:00Z", List.of("SOC2:CC6.1", "HIPAA:164.312(a)(1)")),
                    event("exception_expired", "2026-03-20T00:00:00Z", List.of("SOC2:CC6.1")),
                    event("changed", "2026-03-21T00:00:00Z", List.of()),
                    event("config_changed", "2026-03-22T00:00:00Z", List.of("SOC2:CC6.1"))));

    @Test
    void withoutAStartEveryLifecycleEventCountsOnceForEachOfItsControls() {
        EventHistory history = EventHistory.read(TOPIC, null, NOW);

        assertThat(history.topic()).isEqualTo("vigil.finding-events.v1");
        assertThat(history.from()).isNull();
        assertThat(history.to()).isEqualTo(NOW);
        assertThat(history.events())
                .as("the unknown type is not a lifecycle event")
                .isEqualTo(6);
        assertThat(history.byControl())
                .containsOnlyKeys("CIS:5.2.2", "SOC2:CC6.8", "SOC2:CC7.1", "SOC2:CC6.1", "HIPAA:164.312(a)(1)");
        assertThat(history.byControl().get("SOC2:CC6.8").byType()).containsExactly(1, 0, 0, 0, 1);
        assertThat(history.byControl().get("SOC2:CC6.1").byType()).containsExactly(1, 0, 1, 1, 0);
        assertThat(history.byControl().get("HIPAA:164.312(a)(1)").byType()).containsExactly(0, 0, 1, 0, 0);
    }

    @Test
    void theBaselinesCaptureStartsThePeriodAndAnEventAtThatInstantIsInside() {
        EventHistory history = EventHistory.read(TOPIC, CAPTURED, NOW);

        assertThat(history.from()).isEqualTo(CAPTURED);
        assertThat(history.events()).isEqualTo(5);
        assertThat(history.byControl().get("SOC2:CC6.8").byType())
                .as("opened before the capture, resolved after it")
                .containsExactly(0, 0, 0, 0, 1);
        assertThat(history.byControl().get("SOC2:CC6.1").of("opened")).isEqualTo(1);
    }

    @Test
    void theSectionShowsTheFrameworksControlsOnly() {
        String md = section(TOPIC, CAPTURED, Framework.SOC2);

        assertThat(md)
                .contains("5 finding events on vigil.finding-events.v1 since 2026-03-01T00:00:00Z to "
                        + "2026-03-31T00:00:00Z (read\\_committed)")
                .contains("""
                        | CC6.1 | 1 | 0 | 1 | 1 | 0 |
                        | CC6.8 | 0 | 0 | 0 | 0 | 1 |
                        | CC7.1 | 0 | 0 | 0 | 0 | 1 |
                        """)
                .doesNotContain("5.2.2")
                .doesNotContain("164.312");
    }

    @Test
    void controlsAreListedInTheFrameworksOrder() {
        InMemory topic = new InMemory(
                "events",
                List.of(
                        event("opened", "2026-03-02T00:00:00Z", List.of("CIS:5.2.10")),
                        event("opened", "2026-03-02T00:00:00Z", List.of("CIS:5.2.9")),
                        event("opened", "2026-03-02T00:00:00Z", List.of("CIS:5.1.1"))));
        assertThat(section(topic, null, Framework.CIS)).contains("""
                | 5.1.1 | 1 | 0 | 0 | 0 | 0 |
                | 5.2.9 | 1 | 0 | 0 | 0 | 0 |
                | 5.2.10 | 1 | 0 | 0 | 0 | 0 |
                """);
    }

    @Test
    void aPeriodWithoutEventsOfTheFrameworkSaysSo() {
        assertThat(section(TOPIC, NOW, Framework.HIPAA))
                .contains("0 finding events on vigil.finding-events.v1 since " + NOW)
                .contains("No HIPAA control saw an event in this period.");
    }

    @Test
    void aSourceThatCannotBeReadToItsEndGivesNoPartialCount() {
        HistorySource broken = new HistorySource() {
            @Override
            public String name() {
                return "vigil.finding-events.v1";
            }

            @Override
            public void replay(Consumer<HistoryEvent> each) {
                TOPIC.replay(each);
                throw new Unavailable("cannot read vigil.finding-events.v1: broker gone", null);
            }
        };

        assertThatThrownBy(() -> EventHistory.read(broken, null, NOW))
                .isInstanceOf(HistorySource.Unavailable.class)
                .hasMessage("cannot read vigil.finding-events.v1: broker gone");
    }
}
