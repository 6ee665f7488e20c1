package io.vigil.checks.dapr;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class DaprChecks {
    private DaprChecks() {}

    public static List<Check> all() {
        return List.of(
                new DaprMtlsDisabled(),
                new DaprComponentUnscoped(),
                new DaprComponentPlainSecret(),
                new DaprApiTokenMissing());
    }
}
