package io.vigil.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the events topic says happened over the report's period: finding lifecycle events counted per
 * control. Continuous-monitoring evidence an auditor asks for beside the point-in-time state.
 *
 * @param from null when the period starts at the beginning of the topic's retention
 */
public record EventHistory(String topic, Instant from, Instant to, long events, Map<String, Counts> byControl) {
    public static final List<String> TYPES =
            List.of("opened", "changed", "suppressed", "exception_expired", "resolved");

    public EventHistory {
        byControl = Map.copyOf(byControl);
    }

    /**
     * The events of {@code source} from {@code from} on (every one when {@code from} is null), counted per control.
     * {@code to} only labels the period: the source is read to its end as the report starts.
     *
     * @throws HistorySource.Unavailable as the source does
     */
    public static EventHistory read(HistorySource source, Instant from, Instant to) {
        Tally tally = new Tally();
        source.replay(event -> {
            if (from == null || !event.time().isBefore(from)) {
                tally.add(event.type(), event.controls());
            }
        });
        return tally.build(source.name(), from, to);
    }

    /** Events of each lifecycle type for one control, in {@link #TYPES} order. */
    public record Counts(long[] byType) {
        public long of(String type) {
            int i = TYPES.indexOf(type);
            return i < 0 ? 0 : byType[i];
        }
    }

    /** Builds the tallies; one call per event with its type and the controls its finding carries. */
    private static final class Tally {
        private final Map<String, long[]> counts = new TreeMap<>();
        private long events;

        void add(String type, List<String> controls) {
            int i = TYPES.indexOf(type);
            if (i < 0) {
                return;
            }
            events++;
            for (String control : controls) {
                counts.computeIfAbsent(control, c -> new long[TYPES.size()])[i]++;
            }
        }

        EventHistory build(String topic, Instant from, Instant to) {
            Map<String, Counts> out = new TreeMap<>();
            counts.forEach((control, c) -> out.put(control, new Counts(c.clone())));
            return new EventHistory(topic, from, to, events, out);
        }
    }
}
