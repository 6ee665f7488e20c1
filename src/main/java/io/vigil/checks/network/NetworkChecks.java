package io.vigil.checks.network;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class NetworkChecks {
    private NetworkChecks() {}

    public static List<Check> all() {
        return List.of(
                new NoDefaultDenyIngress(),
                new NoDefaultDenyEgress(),
                new EgressNoDns(),
                new WorkloadUnselected(),
                new AllowAllIngress());
    }
}
