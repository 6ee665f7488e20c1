package io.vigil.checks.rbac;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * Exec into or attach to a running pod gives a shell with the pod's identity, mounted secrets and network
 * position. Reported on the role, per rule granting {@code create} on {@code pods/exec} or {@code pods/attach},
 * when a non-admin holds it or it is unbound (see {@link RoleExposure}). Only {@code create} (or {@code *})
 * counts: since Kubernetes 1.35 WebSocket upgrades need it too, as SPDY always did.
 */
public final class ExecAttach implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-exec-attach")
            .title("Pod exec or attach for non-admin subjects")
            .severity(Severity.MEDIUM)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE, Kinds.CLUSTER_ROLE)
            .reads(Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING)
            .remediation("remove create on pods/exec and pods/attach, or grant it just-in-time to named operators")
            .build();

    private static final List<String> SUBRESOURCES = List.of("pods/exec", "pods/attach");

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return CreateGrants.of(
                subject,
                view,
                rule -> SUBRESOURCES.stream()
                        .filter(r -> rule.covers(RbacRules.CORE, r))
                        .toList());
    }
}
