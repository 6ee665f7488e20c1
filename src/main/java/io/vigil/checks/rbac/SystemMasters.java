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
 * CIS 5.1.7: system:masters bypasses authorization entirely, so a binding naming it grants nothing; it is a
 * sign of an admin grant copied around, and of credentials in that group, which cannot be revoked by RBAC.
 */
public final class SystemMasters implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-system-masters")
            .title("Binding names group system:masters")
            .severity(Severity.MEDIUM)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING)
            .controls("CIS:5.1.7")
            .remediation("remove the system:masters subject; give administrators a named group bound to a "
                    + "least-privilege role and issue no certificates in system:masters")
            .build();

    private static final String SYSTEM_MASTERS = "system:masters";

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return RbacBindings.subjects(subject).stream()
                .filter(s -> RbacBindings.GROUP.equals(s.kind()) && SYSTEM_MASTERS.equals(s.name()))
                .map(s -> Violation.of(
                        s.path(),
                        s.key(),
                        "no system:masters subject",
                        subject.ref().display() + " names group system:masters, which bypasses RBAC"))
                .toList();
    }
}
