package io.vigil.baseline;

import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.TrackedFinding;
import java.time.Instant;
import java.util.function.Function;

/**
 * Tags findings against the loaded baseline (DESIGN §6): {@code baselined} when the baseline accepts the
 * finding's id, {@code drift} when a baseline is loaded and does not. With no baseline both are false.
 * Pure and immutable: swap the instance when the baseline is reloaded.
 */
public final class DriftTagger {
    private static final DriftTagger NONE = new DriftTagger(null);

    private final Baseline baseline;

    private DriftTagger(Baseline baseline) {
        this.baseline = baseline;
    }

    /** No baseline loaded: nothing is baselined, nothing is drift. */
    public static DriftTagger none() {
        return NONE;
    }

    public static DriftTagger of(Baseline baseline) {
        return baseline == null ? NONE : new DriftTagger(baseline);
    }

    public boolean active() {
        return baseline != null;
    }

    public boolean baselined(String findingId) {
        return baseline != null && baseline.accepts(findingId);
    }

    public boolean baselined(Finding f) {
        return baselined(f.id());
    }

    public boolean drift(String findingId) {
        return baseline != null && !baseline.accepts(findingId);
    }

    public boolean drift(Finding f) {
        return drift(f.id());
    }

    /** The status with baselined/drift set for this finding; everything else kept. */
    public FindingStatus tag(Finding f, FindingStatus status) {
        return new FindingStatus(
                status.firstSeen(), status.lastSeen(), baselined(f), drift(f), status.stale(), status.suppression());
    }

    public TrackedFinding tag(TrackedFinding t) {
        return new TrackedFinding(t.finding(), tag(t.finding(), t.status()));
    }

    /** For {@code ScanJson.render(report, statusFn)}: every finding seen once at {@code at}, tagged. */
    public Function<Finding, FindingStatus> statusAt(Instant at) {
        return f -> tag(f, FindingStatus.seenAt(at));
    }
}
