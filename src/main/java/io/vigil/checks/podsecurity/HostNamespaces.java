package io.vigil.checks.podsecurity;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;
import java.util.Map;

/**
 * PSS baseline "Host Namespaces": a pod sharing the node's network, PID or IPC namespace can sniff host
 * traffic, signal host processes or read host shared memory; one finding per shared namespace.
 */
public final class HostNamespaces extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("host-namespaces")
            .title("Host namespaces shared")
            .severity(Severity.CRITICAL)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.3", "CIS:5.2.4", "CIS:5.2.5")
            .remediation("remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false)")
            .build();

    private static final Map<String, String> NAMESPACES =
            Map.of("hostNetwork", "network", "hostPID", "PID", "hostIPC", "IPC");

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        for (String field : new String[] {"hostNetwork", "hostPID", "hostIPC"}) {
            if (Json.isTrue(pod.spec().get(field))) {
                out.add(Pss.baseline(
                        pod.path(field),
                        "true",
                        "false or unset",
                        "the pod shares the node's " + NAMESPACES.get(field) + " namespace"));
            }
        }
    }
}
