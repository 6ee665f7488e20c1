package io.vigil.checks.rbac;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.checks.rbac.RbacBindings.Subject;
import io.vigil.checks.rbac.RbacRules.Rule;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CIS 5.1.2: reading secrets cluster-wide (get, list or watch through a ClusterRoleBinding) exposes every
 * token and credential in the cluster. The bound ClusterRole is read from the view; when it is absent (a
 * manifest scan without the built-in roles) or an aggregated role whose rules are not filled in yet, the
 * built-in aggregated roles cluster-admin, admin and edit are known to grant it ({@code view} does not).
 */
public final class SecretsAccess implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-secrets-access")
            .title("Cluster-wide read access to secrets")
            .severity(Severity.HIGH)
            .family(Family.RBAC)
            .subjects(Kinds.CLUSTER_ROLE_BINDING)
            .reads(Kinds.CLUSTER_ROLE)
            .controls("CIS:5.1.2")
            .remediation("grant secrets access per namespace with a RoleBinding, and only to the secrets needed "
                    + "(resourceNames)")
            .build();

    private static final List<String> READ_VERBS = List.of("get", "list", "watch");
    private static final Set<String> BUILT_IN_SECRET_READERS = Set.of("cluster-admin", "admin", "edit");

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
        Set<String> verbs = secretReadVerbs(role, RbacBindings.clusterRole(view, role));
        if (verbs.isEmpty()) {
            return List.of();
        }
        String granted = String.join(", ", verbs);
        return List.of(Violation.of(
                "roleRef.name",
                granted + " on secrets (ClusterRole " + role + ")",
                "no cluster-wide secrets read",
                subject.ref().display() + " lets "
                        + RbacBindings.keys(holders.stream().map(Subject::key).toList())
                        + " read secrets in every namespace (" + granted + ")"));
    }

    private static Set<String> secretReadVerbs(String name, Optional<KubeObject> role) {
        Set<String> verbs = new LinkedHashSet<>();
        if (role.isPresent() && !isUnfilledAggregate(role.get())) {
            for (Rule rule : RbacRules.of(role.get())) {
                if (rule.covers(RbacRules.CORE, "secrets")) {
                    verbs.addAll(rule.grantedVerbs(READ_VERBS));
                }
            }
        } else if (BUILT_IN_SECRET_READERS.contains(name)) {
            verbs.addAll(READ_VERBS);
        }
        return verbs;
    }

    /** An aggregated ClusterRole as written in a manifest: the controller has not copied rules into it yet. */
    private static boolean isUnfilledAggregate(KubeObject role) {
        return role.at("aggregationRule").isObject() && RbacRules.of(role).isEmpty();
    }
}
