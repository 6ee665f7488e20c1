package io.vigil.sink.kafka;

import java.time.Instant;
import java.util.Objects;

/**
 * Finding event ids, {@code <finding id>:<opened-at epoch ms>:<sequence>} (DESIGN §7), and their order.
 * Within one finding a later open period (larger opened-at) comes after every event of an earlier one;
 * within one open period the higher sequence comes after. Restart and outbox replay skip an event whose
 * id is not {@link #isAfter after} the last id the state topic holds for that finding.
 */
public final class EventIds {
    private EventIds() {}

    /** A parsed event id. */
    public record EventId(String findingId, long openedAtMillis, long sequence) {
        public EventId {
            Objects.requireNonNull(findingId, "findingId");
            if (findingId.isEmpty() || findingId.indexOf(':') >= 0) {
                throw new IllegalArgumentException("finding id must be non-empty and free of ':': " + findingId);
            }
            if (sequence < 1) {
                throw new IllegalArgumentException("sequence must be >= 1: " + sequence);
            }
        }

        public Instant openedAt() {
            return Instant.ofEpochMilli(openedAtMillis);
        }

        /** True when this event comes after {@code other}, an event of the same finding. */
        public boolean isAfter(EventId other) {
            if (!findingId.equals(other.findingId)) {
                throw new IllegalArgumentException(
                        "event ids of different findings have no order: " + this + " vs " + other);
            }
            return openedAtMillis != other.openedAtMillis
                    ? openedAtMillis > other.openedAtMillis
                    : sequence > other.sequence;
        }

        @Override
        public String toString() {
            return findingId + ":" + openedAtMillis + ":" + sequence;
        }
    }

    /**
     * Parses {@code <finding id>:<opened-at epoch ms>:<sequence>}.
     *
     * @throws IllegalArgumentException saying what is wrong with the id
     */
    public static EventId parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("event id is missing");
        }
        int second = id.lastIndexOf(':');
        int first = second <= 0 ? -1 : id.lastIndexOf(':', second - 1);
        if (first <= 0) {
            throw new IllegalArgumentException("event id is not <finding id>:<opened-at ms>:<sequence>: " + id);
        }
        try {
            return new EventId(
                    id.substring(0, first),
                    Long.parseLong(id.substring(first + 1, second)),
                    Long.parseLong(id.substring(second + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("event id is not <finding id>:<opened-at ms>:<sequence>: " + id, e);
        }
    }

    /**
     * True when event {@code a} comes after event {@code b} of the same finding: a later opened-at wins;
     * with the same opened-at the higher sequence wins. Equal ids are not after each other.
     *
     * @throws IllegalArgumentException when either id is malformed or the ids name different findings
     */
    public static boolean isAfter(String a, String b) {
        return parse(a).isAfter(parse(b));
    }

    /** True when {@code candidate} is already covered by {@code lastPublished} (equal to it or earlier). */
    public static boolean alreadyPublished(String candidate, String lastPublished) {
        return !isAfter(candidate, lastPublished);
    }
}
