package io.vigil.report;

import java.util.function.Consumer;

/**
 * Where a report reads what happened over its period: Vigil's events topic in production, a list in tests. The
 * report owns this contract so that it needs no Kafka client; the period and the tallies are its own business
 * ({@link EventHistory#read}).
 */
public interface HistorySource {
    /** What the report calls the history, e.g. the topic's name. */
    String name();

    /**
     * Hands every finding lifecycle event the source holds to {@code each}, in any order; the report filters by
     * period.
     *
     * @throws Unavailable when the history cannot be read to its end: a report must not show a partial count
     */
    void replay(Consumer<HistoryEvent> each);

    /** The history could not be read; the message names the source and the reason, for the user. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
