package io.vigil.report;

import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import io.vigil.policy.ExceptionEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An exception as a report lists it: who owns it, until when, why, and how many of the findings at hand it
 * suppresses. Exceptions known only from a finding's {@code suppressed} field (a running Vigil, no
 * {@code --exceptions} file given) have an id and expiry only.
 *
 * @param state {@code active}, {@code expired}, or {@code unknown} (not in the exceptions file given)
 */
public record ExceptionRow(
        String id,
        String check,
        String scope,
        String owner,
        String ticket,
        String reason,
        Instant expires,
        String state,
        int suppressing) {

    /** Exceptions for these checks, from the file and from the findings' suppressions, ordered by id. */
    public static List<ExceptionRow> forChecks(
            ReportInput input, Set<String> checkIds, Collection<TrackedFinding> findings) {
        Map<String, ExceptionRow> rows = new LinkedHashMap<>();
        for (ExceptionEntry e : input.exceptions().entries()) {
            if (checkIds.contains(e.check())) {
                rows.put(e.id(), of(e, input.generatedAt(), count(findings, e.id())));
            }
        }
        for (TrackedFinding t : findings) {
            Suppression s = t.status().suppression();
            if (s != null
                    && !rows.containsKey(s.exceptionId())
                    && checkIds.contains(t.finding().checkId())) {
                rows.put(
                        s.exceptionId(),
                        new ExceptionRow(
                                s.exceptionId(),
                                t.finding().checkId(),
                                null,
                                null,
                                null,
                                null,
                                s.expires(),
                                "unknown",
                                count(findings, s.exceptionId())));
            }
        }
        List<ExceptionRow> out = new ArrayList<>(rows.values());
        out.sort(Comparator.comparing(ExceptionRow::id));
        return out;
    }

    static ExceptionRow of(ExceptionEntry e, Instant now, int suppressing) {
        return new ExceptionRow(
                e.id(),
                e.check(),
                e.scope().describe(),
                e.owner(),
                e.ticket(),
                e.reason(),
                e.expires(),
                e.activeAt(now) ? "active" : "expired",
                suppressing);
    }

    private static int count(Collection<TrackedFinding> findings, String id) {
        return (int) findings.stream()
                .filter(t -> t.status().suppression() != null
                        && Objects.equals(t.status().suppression().exceptionId(), id))
                .count();
    }
}
