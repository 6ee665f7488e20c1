package io.vigil.model;

import java.util.List;
import java.util.Objects;

/**
 * The evidence of one violation: which check, which object, which element (path), what was observed
 * and what was expected. Lifecycle data (first/last seen, suppression) lives with the ledger, not here.
 */
public record Finding(
        String id,
        String cluster,
        String checkId,
        String family,
        Severity severity,
        String title,
        String message,
        ResourceRef resource,
        String path,
        String observed,
        String expected,
        List<String> controls,
        String remediation,
        SourceLocation source) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(path, "path");
        controls = List.copyOf(controls);
    }

    /** The same finding located at {@code source} (a manifest's file and line). */
    public Finding withSource(SourceLocation source) {
        return new Finding(
                id,
                cluster,
                checkId,
                family,
                severity,
                title,
                message,
                resource,
                path,
                observed,
                expected,
                controls,
                remediation,
                source);
    }

    /** True when the evidence differs in a way a consumer must hear about (DESIGN §3, CHANGED). */
    public boolean evidenceDiffers(Finding other) {
        return severity != other.severity
                || !Objects.equals(observed, other.observed)
                || !Objects.equals(expected, other.expected)
                || !Objects.equals(message, other.message)
                || !controls.equals(other.controls);
    }
}
