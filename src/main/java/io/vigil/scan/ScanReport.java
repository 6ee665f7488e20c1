package io.vigil.scan;

import io.vigil.check.Evaluator.CheckFailure;
import io.vigil.model.Finding;
import io.vigil.model.Severity;
import io.vigil.model.SourceLocation;
import java.time.Instant;
import java.util.List;

/** The outcome of a scan: findings sorted by severity, input errors, and what was read. */
public record ScanReport(
        List<Finding> findings,
        List<InputError> errors,
        List<CheckFailure> failures,
        int objects,
        int files,
        Instant time) {
    public ScanReport {
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
        failures = List.copyOf(failures);
    }

    public boolean hasFindingAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    /** Where a finding's element is in the manifest; the object's own line when the path is not found. */
    public static SourceLocation locate(ScannedObject scanned, String path) {
        return new SourceLocation(scanned.object().source().file(), PathLocator.line(scanned, path));
    }
}
