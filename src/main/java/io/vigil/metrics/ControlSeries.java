package io.vigil.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A framework control ({@code SOC2:CC6.1}) as the labels of {@code vigil_control_findings_open}. Only the four
 * frameworks Vigil reports on become series, so a stray prefix can never grow the label set.
 */
record ControlSeries(String framework, String control) {
    static final Set<String> FRAMEWORKS = Set.of("SOC2", "HIPAA", "CIS", "NSA");
    static final List<String> STATES = List.of("open", "suppressed", "baselined");

    static Optional<ControlSeries> of(String control) {
        int colon = control.indexOf(':');
        if (colon <= 0 || colon == control.length() - 1) {
            return Optional.empty();
        }
        String framework = control.substring(0, colon);
        return FRAMEWORKS.contains(framework)
                ? Optional.of(new ControlSeries(framework, control.substring(colon + 1)))
                : Optional.empty();
    }

    Tags tags(String state) {
        return Tags.of("framework", framework, "control", control, "state", state);
    }
}
