package io.vigil.model;

import java.time.Instant;

/**
 * Where a finding stands in its lifecycle: when it was first and last seen, whether the audited
 * baseline accepts it, whether it is drift, whether Vigil has lost sight of its kind (stale) and
 * which exception suppresses it (null when none).
 */
public record FindingStatus(
        Instant firstSeen, Instant lastSeen, boolean baselined, boolean drift, boolean stale, Suppression suppression) {
    /** A finding seen once, at {@code at}, with no baseline, exception or staleness. */
    public static FindingStatus seenAt(Instant at) {
        return new FindingStatus(at, at, false, false, false, null);
    }
}
