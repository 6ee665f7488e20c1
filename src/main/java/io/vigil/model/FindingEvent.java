package io.vigil.model;

import java.time.Instant;

/**
 * One step in a finding's lifecycle (DESIGN §3). Every event carries the finding as it stands, its
 * status, the sequence number within the current open period, when that period opened, and why.
 * The event id {@code <finding id>:<opened-at epoch ms>:<sequence>} is fixed when the event is created
 * and never repeats, even when a finding reopens.
 */
public sealed interface FindingEvent {
    TrackedFinding tracked();

    long sequence();

    Instant openedAt();

    Instant time();

    String reason();

    /** The lowercase type word used in CloudEvents types and metrics ({@code opened}, {@code resolved}...). */
    String type();

    default Finding finding() {
        return tracked().finding();
    }

    default String id() {
        return finding().id() + ":" + openedAt().toEpochMilli() + ":" + sequence();
    }

    record Opened(TrackedFinding tracked, long sequence, Instant openedAt, Instant time, String reason)
            implements FindingEvent {
        @Override
        public String type() {
            return "opened";
        }
    }

    record Changed(TrackedFinding tracked, long sequence, Instant openedAt, Instant time, String reason)
            implements FindingEvent {
        @Override
        public String type() {
            return "changed";
        }
    }

    record Suppressed(TrackedFinding tracked, long sequence, Instant openedAt, Instant time, String reason)
            implements FindingEvent {
        @Override
        public String type() {
            return "suppressed";
        }
    }

    record ExceptionExpired(TrackedFinding tracked, long sequence, Instant openedAt, Instant time, String reason)
            implements FindingEvent {
        @Override
        public String type() {
            return "exception_expired";
        }
    }

    record Resolved(TrackedFinding tracked, long sequence, Instant openedAt, Instant time, String reason)
            implements FindingEvent {
        @Override
        public String type() {
            return "resolved";
        }
    }
}
