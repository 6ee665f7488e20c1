package io.vigil.report;

import java.time.Instant;
import java.util.List;

/**
 * One finding lifecycle event as a report counts it.
 *
 * @param type the lifecycle type without the CloudEvents prefix ({@code opened}, {@code resolved}, ...)
 * @param time when it happened (the event time, not when it was written)
 * @param controls the compliance controls its finding carries ({@code SOC2:CC6.8}, ...)
 */
public record HistoryEvent(String type, Instant time, List<String> controls) {
    public HistoryEvent {
        controls = List.copyOf(controls);
    }
}
