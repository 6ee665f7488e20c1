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

/**
 * PSS baseline "Privileged Containers": no container may set {@code securityContext.privileged: true},
 * which hands it every capability and the host's devices.
 */
public final class PrivilegedContainer extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("privileged-container")
            .title("Privileged container")
            .severity(Severity.CRITICAL)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.2")
            .remediation("set securityContext.privileged to false (or remove it)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        for (ContainerView c : pod.containers()) {
            if (Json.isTrue(c.securityContext().get("privileged"))) {
                out.add(Pss.baseline(
                        c.path("securityContext.privileged"),
                        "true",
                        "false or unset",
                        Pss.describe(c) + " runs privileged"));
            }
        }
    }
}
