package io.vigil.check;

import io.vigil.model.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A check with what all its findings share (severity after overrides, controls), worked out once per
 * evaluator: the evaluator builds a finding per violation of every object, so per-finding set building showed
 * in the first full evaluation's profile (issue 13).
 */
record PlannedCheck(Check check, CheckDescriptor descriptor, Severity severity, List<String> controls) {
    static PlannedCheck of(Check check, AuditSettings settings) {
        CheckDescriptor d = check.descriptor();
        return new PlannedCheck(
                check, d, settings.severityOverrides().getOrDefault(d.id(), d.severity()), controls(d, List.of()));
    }

    /** The check's own controls, then the violation's, then the family's, each once, in that order. */
    List<String> controls(Violation v) {
        return v.extraControls().isEmpty() ? controls : controls(descriptor, v.extraControls());
    }

    private static List<String> controls(CheckDescriptor d, List<String> extra) {
        Set<String> controls = new LinkedHashSet<>(d.controls());
        controls.addAll(extra);
        controls.addAll(d.family().controls());
        return List.copyOf(controls);
    }
}
