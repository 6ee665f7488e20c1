package io.vigil.report;

import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.Family;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A check as a report sees it: its descriptor (null for the built-in {@code baseline-drift}, which is not in
 * the catalogue) and every control it maps to (its own plus its family's; PSS levels are per violation and not
 * a framework).
 */
public record CheckInfo(
        String id, String title, Severity severity, Family family, CheckDescriptor descriptor, List<String> controls) {
    public static final String BASELINE_DRIFT = "baseline-drift";

    public CheckInfo {
        controls = List.copyOf(controls);
    }

    /** The catalogue's checks in order, then {@code baseline-drift}. */
    public static List<CheckInfo> all(CheckCatalog catalog) {
        List<CheckInfo> out = new ArrayList<>();
        for (Check c : catalog.all()) {
            CheckDescriptor d = c.descriptor();
            Set<String> controls = new LinkedHashSet<>(d.controls());
            controls.addAll(d.family().controls());
            out.add(new CheckInfo(d.id(), d.title(), d.severity(), d.family(), d, List.copyOf(controls)));
        }
        if (catalog.find(BASELINE_DRIFT).isEmpty()) {
            out.add(new CheckInfo(
                    BASELINE_DRIFT,
                    "Drift from the audited baseline",
                    Severity.HIGH,
                    Family.BASELINE,
                    null,
                    Family.BASELINE.controls()));
        }
        return out;
    }
}
