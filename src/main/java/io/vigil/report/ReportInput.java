package io.vigil.report;

import io.vigil.model.TrackedFinding;
import io.vigil.policy.ExceptionSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a report is written from: the findings with their status (suppression, baselined), what they
 * were computed from, the exceptions and the baseline.
 *
 * @param source          how the findings were obtained
 * @param description     the input in words ({@code manifests docs/examples/task-api (18 objects from 2 files)})
 * @param inventory       the objects evaluated; null when the input is a running Vigil (findings only)
 * @param exceptionsFile  where the exceptions were read from; null when none were given
 * @param baseline        null when no baseline is known
 * @param problems        input problems the reader of the report must know about (unreadable files)
 */
public record ReportInput(
        String cluster,
        Source source,
        String description,
        Instant generatedAt,
        List<TrackedFinding> findings,
        Inventory inventory,
        ExceptionSet exceptions,
        String exceptionsFile,
        BaselineInfo baseline,
        List<String> problems) {
    public ReportInput {
        Objects.requireNonNull(generatedAt, "generatedAt");
        findings = List.copyOf(findings);
        exceptions = exceptions == null ? ExceptionSet.empty() : exceptions;
        problems = List.copyOf(problems);
    }

    /** Where findings came from. */
    public enum Source {
        MANIFESTS,
        CLUSTER,
        API
    }

    public Optional<Inventory> inventoryIfKnown() {
        return Optional.ofNullable(inventory);
    }

    public Optional<BaselineInfo> baselineIfKnown() {
        return Optional.ofNullable(baseline);
    }

    /**
     * The period the evidence covers: since the baseline was captured when one is known; for manifests and a
     * cluster a point-in-time snapshot; for a running Vigil from the oldest first-seen of its open findings.
     */
    public String period() {
        if (baseline != null && baseline.capturedAt() != null) {
            return "since the baseline captured at " + baseline.capturedAt() + ", to " + generatedAt;
        }
        if (source != Source.API) {
            return "point-in-time snapshot at " + generatedAt;
        }
        Optional<Instant> oldest = findings.stream()
                .map(t -> t.status().firstSeen())
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
        return oldest.map(t -> "from " + t + " (first seen of the oldest open finding) to " + generatedAt)
                .orElse("as of " + generatedAt + " (no open findings)");
    }
}
