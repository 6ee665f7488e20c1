package io.vigil.check;

import io.vigil.model.Severity;
import java.util.List;

/**
 * What a check reports: the element (a full field path from the object root, e.g.
 * {@code spec.template.spec.containers[name=api].securityContext.privileged}), observed and expected
 * values (secret-looking values already masked), a message, and optionally a severity that overrides
 * the check's default and controls that apply to this violation only (a PSS level).
 */
public record Violation(
        String path, String observed, String expected, String message, Severity severity, List<String> extraControls) {
    public Violation {
        extraControls = List.copyOf(extraControls);
    }

    public static Violation of(String path, String observed, String expected, String message) {
        return new Violation(path, observed, expected, message, null, List.of());
    }

    public Violation withSeverity(Severity value) {
        return new Violation(path, observed, expected, message, value, extraControls);
    }

    public Violation withControls(String... values) {
        return new Violation(path, observed, expected, message, severity, List.of(values));
    }
}
