package io.vigil.checks.rbac;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.checks.rbac.RbacBindings.Subject;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A grant to system:anonymous or system:unauthenticated reaches anyone who can reach the API server; one to
 * system:authenticated reaches every user and every ServiceAccount token of every namespace. Matched as a
 * Group or a User, since either spelling is accepted by the API server.
 */
public final class AnonymousSubject implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-anonymous-subject")
            .title("Binding grants to anonymous or all authenticated users")
            .severity(Severity.CRITICAL)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING)
            .remediation("bind the role to the specific users, groups or ServiceAccounts that need it")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        for (Subject s : RbacBindings.subjects(subject)) {
            if (s.isUserOrGroup() && RbacBindings.PUBLIC_PRINCIPALS.contains(s.name())) {
                out.add(Violation.of(
                        s.path(),
                        s.key(),
                        "named subjects",
                        subject.ref().display() + " grants " + RbacBindings.roleRefDisplay(subject) + " to "
                                + s.name()));
            }
        }
        return out;
    }
}
