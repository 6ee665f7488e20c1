package io.vigil.checks.podsecurity;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class PodSecurityChecks {
    private PodSecurityChecks() {
    }

    public static List<Check> all() {
        return List.of(new PrivilegedContainer(), new PssNamespaceUnenforced(), new PssNamespaceWeak(),
                new ReadOnlyRootFilesystem(), new DefaultNamespace());
    }
}
