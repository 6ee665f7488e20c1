package io.vigil.sink.kafka;

import io.vigil.model.TrackedFinding;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the state topic says about one finding: the last event published for it and, unless that event
 * resolved it (a tombstone), the finding as it then stood.
 *
 * @param findingId      the record key
 * @param eventId        the last published event id ({@code <finding id>:<opened-at ms>:<sequence>})
 * @param openedAtMillis when the finding's current (or last) open period began, from the event id
 * @param sequence       the event's sequence within that period, from the event id
 * @param eventType      {@code opened}, {@code changed}, {@code suppressed}, {@code exception_expired} or
 *                       {@code resolved}
 * @param tracked        the finding rebuilt from {@code data.unmapped.vigil}; null for a tombstone
 */
public record LastState(
        String findingId, String eventId, long openedAtMillis, long sequence, String eventType, TrackedFinding tracked)
        implements StateRecords.Result {
    public LastState {
        Objects.requireNonNull(findingId, "findingId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
    }

    public Instant openedAt() {
        return Instant.ofEpochMilli(openedAtMillis);
    }

    /** True for a tombstone: the finding was resolved and is not open. */
    public boolean resolved() {
        return "resolved".equals(eventType);
    }

    public Optional<TrackedFinding> finding() {
        return Optional.ofNullable(tracked);
    }

    /** True when publishing {@code candidateEventId} would repeat what this state already holds. */
    public boolean covers(String candidateEventId) {
        return EventIds.alreadyPublished(candidateEventId, eventId);
    }
}
