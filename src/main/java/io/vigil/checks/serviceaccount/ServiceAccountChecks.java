package io.vigil.checks.serviceaccount;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class ServiceAccountChecks {
    private ServiceAccountChecks() {}

    public static List<Check> all() {
        return List.of(
                new DefaultServiceAccount(),
                new SaTokenAutomount(),
                new SharedServiceAccount(),
                new DefaultSaAutomount());
    }
}
