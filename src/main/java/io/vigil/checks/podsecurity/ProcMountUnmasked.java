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
 * PSS "/proc Mount Type": an unmasked /proc exposes kernel interfaces the runtime normally hides. Baseline
 * forbids anything but {@code Default} unless the pod runs in a user namespace ({@code hostUsers: false},
 * v1.35+); restricted forbids it even then, so such a finding carries the restricted level only.
 */
public final class ProcMountUnmasked extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("proc-mount-unmasked")
            .title("Unmasked /proc mount")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("remove securityContext.procMount or set it to Default")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        boolean userNamespace = Pss.inUserNamespace(pod);
        for (ContainerView c : pod.containers()) {
            String procMount = Json.text(c.securityContext().get("procMount"));
            if (procMount == null || procMount.equals("Default")) {
                continue;
            }
            String path = c.path("securityContext.procMount");
            String message = Pss.describe(c) + " mounts /proc " + Pss.shown(procMount);
            if (userNamespace) {
                out.add(Pss.restricted(
                        path, Pss.shown(procMount), "Default or unset", message + " (in a user namespace)"));
            } else {
                out.add(Pss.baseline(path, Pss.shown(procMount), "Default or unset", message));
            }
        }
    }
}
