package io.vigil.checks.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
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
 * PSS restricted "Privilege Escalation": every container must set {@code allowPrivilegeEscalation: false}
 * (no_new_privs), so setuid binaries cannot gain privileges; unset defaults to allowed. Windows pods are
 * exempt, as upstream has it since v1.25.
 */
public final class PrivilegeEscalation extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("privilege-escalation")
            .title("Privilege escalation allowed")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.6")
            .remediation("set securityContext.allowPrivilegeEscalation to false on every container")
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
            JsonNode value = c.securityContext().get("allowPrivilegeEscalation");
            if (!Json.isFalse(value)) {
                out.add(Pss.restricted(
                        c.path("securityContext.allowPrivilegeEscalation"),
                        Json.render(value),
                        "false",
                        Pss.describe(c) + " allows privilege escalation"));
            }
        }
    }
}
