package io.vigil.checks.podsecurity;

import io.vigil.check.Check;
import java.util.ArrayList;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class PodSecurityChecks {
    private PodSecurityChecks() {}

    public static List<Check> all() {
        List<Check> all = new ArrayList<>(
                List.of(new PssNamespaceUnenforced(), new PssNamespaceWeak(), new PssNamespaceViolation()));
        // the leveled checks once: the namespace-violation check runs the same list on each pod
        all.addAll(PssLevels.CHECKS);
        all.add(new ReadOnlyRootFilesystem());
        all.add(new DefaultNamespace());
        return List.copyOf(all);
    }
}
