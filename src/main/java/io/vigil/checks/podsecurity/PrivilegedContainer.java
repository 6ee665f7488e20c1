package io.vigil.checks.podsecurity;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** PSS baseline "Privileged Containers": no container may set {@code securityContext.privileged: true}. */
public final class PrivilegedContainer implements Check {
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
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        PodSpecView.of(subject).ifPresent(pod -> {
            for (ContainerView c : pod.containers()) {
                if (Json.isTrue(c.securityContext().get("privileged"))) {
                    out.add(Violation.of(c.path("securityContext.privileged"), "true", "false or unset",
                            "container " + c.name() + " runs privileged").withControls("PSS:baseline"));
                }
            }
        });
        return out;
    }
}
