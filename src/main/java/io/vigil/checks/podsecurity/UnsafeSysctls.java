package io.vigil.checks.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Set;

/**
 * PSS baseline "Sysctls": only sysctls that are namespaced and isolated from other pods on the node may be
 * set; anything else can weaken the kernel for every workload on it. The safe set is upstream's as of
 * policy v1.37.
 */
public final class UnsafeSysctls extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("unsafe-sysctls")
            .title("Unsafe sysctls")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("remove the sysctl from securityContext.sysctls, or tune it on the node instead")
            .build();

    /** Upstream's allowed sysctls: 1.0, plus the 1.27, 1.29, 1.32 and 1.37 additions. */
    static final Set<String> SAFE = Set.of(
            "kernel.shm_rmid_forced",
            "net.ipv4.ip_local_port_range",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range",
            "net.ipv4.ip_unprivileged_port_start",
            "net.ipv4.ip_local_reserved_ports",
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
            "net.ipv4.tcp_rmem",
            "net.ipv4.tcp_wmem",
            "net.ipv4.tcp_slow_start_after_idle",
            "net.ipv4.tcp_notsent_lowat");

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        List<JsonNode> sysctls = Json.elements(pod.securityContext().path("sysctls"));
        for (int i = 0; i < sysctls.size(); i++) {
            JsonNode sysctl = sysctls.get(i);
            String name = Json.text(sysctl, "name");
            if (!sysctl.isObject() || name != null && SAFE.contains(name)) {
                continue;
            }
            String element = name == null || name.isEmpty() ? "sysctls[" + i + "]" : "sysctls[name=" + name + "]";
            String observed = Pss.shown(name) + "=" + Json.render(sysctl.get("value"));
            out.add(Pss.baseline(
                    pod.path("securityContext." + element),
                    observed,
                    "a sysctl from the safe set",
                    "the pod sets unsafe sysctl " + Pss.shown(name)));
        }
    }
}
