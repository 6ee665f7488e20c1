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
import java.util.List;

/**
 * CIS 5.1.1: cluster-admin is unrestricted superuser access. A RoleBinding to it is reported too (DESIGN §4):
 * it is full control of the namespace, secrets and RBAC included. A ClusterRole that grants {@code *} (or all of
 * get, list, watch, create, update, patch, delete) on {@code *} resources in {@code *} API groups is
 * cluster-admin under another name and counts the same.
 */
public final class ClusterAdminBinding implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-cluster-admin-binding")
            .title("Binding to cluster-admin")
            .severity(Severity.CRITICAL)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING)
            .reads(Kinds.CLUSTER_ROLE)
            .controls("CIS:5.1.1")
            .remediation("bind a least-privilege role instead of cluster-admin; keep cluster-admin for break-glass use")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        String role = RbacBindings.roleRefName(subject);
        List<Subject> holders = RbacBindings.subjects(subject);
        if (!Kinds.CLUSTER_ROLE.equals(RbacBindings.roleRefKind(subject)) || role == null || holders.isEmpty()) {
            return List.of();
        }
        String observed;
        if (RbacBindings.CLUSTER_ADMIN.equals(role)) {
            observed = "ClusterRole cluster-admin";
        } else if (RbacBindings.clusterRole(view, role)
                .filter(RbacRules::grantsEverything)
                .isPresent()) {
            observed = "ClusterRole " + role + " (every verb on every resource)";
        } else {
            return List.of();
        }
        String scope = Kinds.ROLE_BINDING.equals(subject.kindKey()) ? " in namespace " + subject.namespace() : "";
        return List.of(Violation.of(
                "roleRef.name",
                observed,
                "a least-privilege role",
                subject.ref().display() + " grants cluster-admin" + scope + " to "
                        + RbacBindings.keys(holders.stream().map(Subject::key).toList())));
    }
}
