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
import java.util.Set;

/**
 * PSS "Capabilities" for {@code capabilities.add}: baseline allows only the container runtime's default
 * set (NET_RAW is not in it), restricted only NET_BIND_SERVICE. Names match exactly as upstream does, so
 * {@code chown} or {@code CAP_CHOWN} are not CHOWN. Windows pods are exempt from the restricted rule.
 */
public final class CapabilitiesAdded extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("capabilities-added")
            .title("Capabilities added")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.9")
            .remediation("remove the capability from securityContext.capabilities.add (only NET_BIND_SERVICE may "
                    + "be added under the restricted standard)")
            .build();

    /** Upstream {@code capabilities_allowed_1_0}: the default set of container runtimes. */
    static final Set<String> BASELINE_ALLOWED = Set.of(
            "AUDIT_WRITE",
            "CHOWN",
            "DAC_OVERRIDE",
            "FOWNER",
            "FSETID",
            "KILL",
            "MKNOD",
            "NET_BIND_SERVICE",
            "SETFCAP",
            "SETGID",
            "SETPCAP",
            "SETUID",
            "SYS_CHROOT");

    static final String RESTRICTED_ALLOWED = "NET_BIND_SERVICE";

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        boolean windows = Pss.isWindows(pod);
        for (ContainerView c : pod.containers()) {
            for (String cap :
                    Json.texts(c.securityContext().path("capabilities").path("add"))) {
                String path = c.path("securityContext.capabilities.add[" + cap + "]");
                if (!BASELINE_ALLOWED.contains(cap)) {
                    out.add(Pss.baseline(
                            path,
                            cap,
                            "none, or one of the runtime's default capabilities",
                            Pss.describe(c) + " adds capability " + cap));
                } else if (!RESTRICTED_ALLOWED.equals(cap) && !windows) {
                    out.add(Pss.restricted(
                            path, cap, "none, or NET_BIND_SERVICE", Pss.describe(c) + " adds capability " + cap));
                }
            }
        }
    }
}
