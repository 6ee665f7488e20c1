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
 * PSS baseline "HostProcess": a Windows HostProcess container runs directly on the node with host
 * network and filesystem access, the Windows equivalent of a privileged container.
 */
public final class WindowsHostProcess extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("windows-host-process")
            .title("Windows HostProcess container")
            .severity(Severity.CRITICAL)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.11")
            .remediation("remove securityContext.windowsOptions.hostProcess (or set it to false)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        if (Json.isTrue(pod.securityContext().path("windowsOptions").get("hostProcess"))) {
            out.add(Pss.baseline(
                    pod.path("securityContext.windowsOptions.hostProcess"),
                    "true",
                    "false or unset",
                    "the pod runs as a Windows HostProcess pod"));
        }
        for (ContainerView c : pod.containers()) {
            if (Json.isTrue(c.securityContext().path("windowsOptions").get("hostProcess"))) {
                out.add(Pss.baseline(
                        c.path("securityContext.windowsOptions.hostProcess"),
                        "true",
                        "false or unset",
                        Pss.describe(c) + " runs as a Windows HostProcess container"));
            }
        }
    }
}
