package io.vigil.checks.podsecurity;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;
import java.util.List;

/**
 * PSS restricted "Capabilities" for {@code capabilities.drop}: every container must drop {@code ALL}
 * (exactly that name), so it holds no capability it did not ask for; dropping a long list instead does
 * not count. Windows pods are exempt, as upstream has it since v1.25.
 */
public final class CapabilitiesNotDropped extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("capabilities-not-dropped")
            .title("Capabilities not dropped")
            .severity(Severity.MEDIUM)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.8", "CIS:5.2.10")
            .remediation("set securityContext.capabilities.drop to [\"ALL\"] and add back only NET_BIND_SERVICE "
                    + "if needed")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        if (Pss.isWindows(pod)) {
            return;
        }
        for (ContainerView c : pod.containers()) {
            List<String> dropped =
                    Json.texts(c.securityContext().path("capabilities").path("drop"));
            if (!dropped.contains("ALL")) {
                out.add(Pss.restricted(
                        c.path("securityContext.capabilities.drop"),
                        dropped.isEmpty() ? "none" : String.join(", ", dropped),
                        "includes ALL",
                        Pss.describe(c) + " does not drop all capabilities"));
            }
        }
    }
}
