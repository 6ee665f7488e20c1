package io.vigil.checks.controlplane;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class ControlPlaneChecks {
    private ControlPlaneChecks() {}

    public static List<Check> all() {
        return List.of(
                new ApiServerAuditLogDisabled(), new ApiServerEncryptionAtRestDisabled(), new ApiServerAnonymousAuth());
    }
}
