package io.vigil.report;

/** The verdict on a control or checklist point. */
public enum Status {
    /** At least one open finding (neither suppressed by an active exception nor accepted in the baseline). */
    FAIL("FAIL", "fail", "at least one open finding"),
    /**
     * No open finding, but a kind the checks read could not be listed (forbidden, not served): the control was not
     * audited and must never read as a pass.
     */
    NOT_AUDITED(
            "NOT AUDITED", "notaudited", "not audited: a kind its checks read could not be listed (see Not audited)"),
    /**
     * No open finding, but the evidence the point needs is missing (checklist point 8: a running image without a
     * vulnerability report): not a pass, and the notes say what is missing.
     */
    NO_EVIDENCE(
            "NO EVIDENCE",
            "noevidence",
            "no open finding, but the evidence the point needs is missing (see the notes: which images lack a"
                    + " vulnerability report)"),
    /** Findings exist, but every one is suppressed by an active exception or accepted in the baseline. */
    ACCEPTED(
            "ACCEPTED",
            "accepted",
            "findings exist, all suppressed by an active exception or accepted in the baseline"),
    /** Assessed, no findings. */
    PASS("PASS", "pass", "assessed: no findings"),
    /** Nothing in scope to assess (no applicable objects, or the condition a check needs is absent). */
    NOT_APPLICABLE("N/A", "na", "nothing to assess: no applicable objects in the input"),
    /** No findings, but the input (a running Vigil's findings) does not say which objects exist. */
    NO_FINDINGS("NO FINDINGS", "nofindings", "no findings; the input lists findings only, so applicability is unknown");

    private final String label;
    private final String css;
    private final String meaning;

    Status(String label, String css, String meaning) {
        this.label = label;
        this.css = css;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    /** A CSS class name for the HTML report. */
    public String css() {
        return css;
    }

    public String meaning() {
        return meaning;
    }

    /**
     * The verdict from counts: FAIL with open findings; ACCEPTED with only suppressed or baselined ones;
     * otherwise PASS when assessed, N/A when nothing applies, NO FINDINGS when applicability is unknown.
     *
     * @param assessed true, false, or null when unknown
     */
    public static Status of(Counts counts, Boolean assessed) {
        return of(counts, assessed, false);
    }

    /** As {@link #of(Counts, Boolean)}; {@code unread}: a kind the checks read could not be listed. */
    public static Status of(Counts counts, Boolean assessed, boolean unread) {
        if (counts.open() > 0) {
            return FAIL;
        }
        if (unread) {
            return NOT_AUDITED;
        }
        if (counts.suppressed() + counts.baselined() > 0) {
            return ACCEPTED;
        }
        if (assessed == null) {
            return NO_FINDINGS;
        }
        return assessed ? PASS : NOT_APPLICABLE;
    }

    /** Worst of two for roll-ups (FAIL > NOT AUDITED > NO EVIDENCE > ACCEPTED > PASS > NO FINDINGS > N/A). */
    public static Status worst(Status a, Status b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(Status s) {
        return switch (s) {
            case FAIL -> 6;
            case NOT_AUDITED -> 5;
            case NO_EVIDENCE -> 4;
            case ACCEPTED -> 3;
            case PASS -> 2;
            case NO_FINDINGS -> 1;
            case NOT_APPLICABLE -> 0;
        };
    }
}
