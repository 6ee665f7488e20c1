package io.vigil.report;

import io.vigil.model.FindingStatus;
import io.vigil.model.TrackedFinding;
import java.util.Collection;

/**
 * Findings by disposition. Each finding counts once: suppressed when an exception covers it, else baselined
 * when the audited baseline accepts it, else open.
 */
public record Counts(int open, int suppressed, int baselined) {
    public static final Counts ZERO = new Counts(0, 0, 0);

    public static Counts of(Collection<TrackedFinding> findings) {
        int open = 0;
        int suppressed = 0;
        int baselined = 0;
        for (TrackedFinding t : findings) {
            switch (disposition(t.status())) {
                case SUPPRESSED -> suppressed++;
                case BASELINED -> baselined++;
                default -> open++;
            }
        }
        return new Counts(open, suppressed, baselined);
    }

    public int total() {
        return open + suppressed + baselined;
    }

    /** How a report shows one finding. */
    public enum Disposition {
        OPEN("open"),
        SUPPRESSED("suppressed"),
        BASELINED("baselined");

        private final String label;

        Disposition(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Disposition disposition(FindingStatus status) {
        if (status.suppression() != null) {
            return Disposition.SUPPRESSED;
        }
        return status.baselined() ? Disposition.BASELINED : Disposition.OPEN;
    }
}
