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
 * PSS baseline "Host Ports": a hostPort binds the node's own address, bypassing NetworkPolicy and
 * Service routing and pinning the pod to nodes where the port is free. Upstream allows only 0 or unset.
 */
public final class HostPort extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("host-port")
            .title("hostPort set")
            .severity(Severity.MEDIUM)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.13")
            .remediation("remove hostPort and expose the container through a Service")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        for (ContainerView c : pod.containers()) {
            List<JsonNode> ports = Json.elements(c.node().path("ports"));
            for (int i = 0; i < ports.size(); i++) {
                JsonNode hostPort = ports.get(i).get("hostPort");
                if (isNonZero(hostPort)) {
                    out.add(Pss.baseline(
                            c.path(element(ports.get(i), i) + ".hostPort"),
                            Json.render(hostPort),
                            "unset or 0",
                            Pss.describe(c) + " binds host port " + Json.render(hostPort)));
                }
            }
        }
    }

    /** {@code ports[name=http]}, or {@code ports[0]} for an unnamed port. */
    private static String element(JsonNode port, int index) {
        String name = Json.text(port, "name");
        return name == null || name.isEmpty() ? "ports[" + index + "]" : "ports[name=" + name + "]";
    }

    /** Upstream forbids any hostPort but 0; a quoted number counts as what it says. */
    private static boolean isNonZero(JsonNode hostPort) {
        if (hostPort == null) {
            return false;
        }
        if (hostPort.isNumber()) {
            return hostPort.doubleValue() != 0;
        }
        String text = hostPort.isTextual() ? hostPort.asText().trim() : "";
        return !text.isEmpty() && !text.equals("0");
    }
}
