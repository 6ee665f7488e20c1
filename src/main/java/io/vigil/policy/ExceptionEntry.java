package io.vigil.policy;

import io.vigil.model.Finding;
import io.vigil.model.SourceLocation;
import io.vigil.model.Suppression;
import java.time.Instant;
import java.util.Objects;

/**
 * One accepted risk (DESIGN §6): findings of {@code check} on objects in {@code scope} are suppressed, not
 * deleted, until {@code expires} (exclusive: at that instant the exception no longer applies).
 *
 * @param ticket may be null
 * @param source where the entry was written (file and line of its first field); null when built in code
 */
public record ExceptionEntry(
        String id,
        String check,
        ExceptionScope scope,
        String reason,
        String owner,
        String ticket,
        Instant expires,
        SourceLocation source) {
    public ExceptionEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
        scope = scope == null ? ExceptionScope.ANY : scope;
    }

    /** Whether the entry names this finding's check and object, regardless of expiry. */
    public boolean covers(Finding finding) {
        return check.equals(finding.checkId()) && scope.matches(finding.resource());
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expires);
    }

    public Suppression suppression() {
        return new Suppression(id, expires);
    }
}
