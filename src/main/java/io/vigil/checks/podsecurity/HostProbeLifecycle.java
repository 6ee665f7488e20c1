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
import java.util.List;

/**
 * PSS baseline "Host Probes / Lifecycle Hooks" (v1.34+): a probe or lifecycle handler with a {@code host}
 * makes the kubelet connect to an arbitrary address from the node, a server-side request forgery
 * channel. Any non-empty host is forbidden, loopback included.
 */
public final class HostProbeLifecycle extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("host-probe-lifecycle")
            .title("Probe or lifecycle handler targets a host")
            .severity(Severity.MEDIUM)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("remove the host field from probes and lifecycle handlers (they then target the pod IP)")
            .build();

    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final List<String> HOOKS = List.of("postStart", "preStop");
    private static final List<String> HANDLERS = List.of("httpGet", "tcpSocket");

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        for (ContainerView c : pod.containers()) {
            for (String probe : PROBES) {
                inspect(c, probe, c.node().path(probe), out);
            }
            JsonNode lifecycle = c.node().path("lifecycle");
            for (String hook : HOOKS) {
                inspect(c, "lifecycle." + hook, lifecycle.path(hook), out);
            }
        }
    }

    private static void inspect(ContainerView c, String handlerPath, JsonNode handler, Findings out) {
        for (String kind : HANDLERS) {
            String host = Json.text(handler.path(kind).get("host"));
            if (host != null && !host.isEmpty()) {
                out.add(Pss.baseline(
                        c.path(handlerPath + "." + kind + ".host"),
                        host,
                        "unset or empty",
                        Pss.describe(c) + "'s " + handlerPath + " targets host " + host));
            }
        }
    }
}
