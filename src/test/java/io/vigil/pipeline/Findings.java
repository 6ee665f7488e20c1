package io.vigil.pipeline;

import io.vigil.model.Finding;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import java.util.List;

/** Findings for pipeline tests: the id names the check and subject, the rest is fixed. */
final class Findings {
    private Findings() {}

    static Finding of(String check, ResourceRef subject, String observed) {
        return new Finding(
                check + "@" + subject.key(),
                "default",
                check,
                "pod-security",
                Severity.HIGH,
                "t",
                "m",
                subject,
                "spec",
                observed,
                "e",
                List.of(),
                "r",
                null);
    }
}
