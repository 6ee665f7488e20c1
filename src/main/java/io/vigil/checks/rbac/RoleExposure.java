package io.vigil.checks.rbac;

import io.vigil.check.ClusterView;
import io.vigil.check.Violation;
import io.vigil.check.support.Indexes;
import io.vigil.checks.rbac.RbacBindings.Subject;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a role reaches anyone beyond admins. A grant such as pod create is only worth reporting when a
 * non-admin holds it, or when the role is unbound (whoever is bound to it next gets it). Admins are
 * {@code system:} users and groups (not the public or service-account groups) and subjects that also hold
 * cluster-admin where the grant applies (cluster-wide, or in the RoleBinding's namespace).
 */
final class RoleExposure {
    private RoleExposure() {}

    /**
     * The role's violations, each message completed with who holds the role, or none when only admins hold it.
     * The bindings are read only when there is something to report.
     */
    static List<Violation> keepIfBeyondAdmins(List<Violation> violations, KubeObject role, ClusterView view) {
        if (violations.isEmpty()) {
            return violations;
        }
        Optional<String> exposure = beyondAdmins(role, view);
        if (exposure.isEmpty()) {
            return List.of();
        }
        return violations.stream()
                .map(v -> Violation.of(v.path(), v.observed(), v.expected(), v.message() + " (" + exposure.get() + ")"))
                .toList();
    }

    /** Empty when only admins hold the role; else "unbound" or "granted to ..." naming the non-admins. */
    static Optional<String> beyondAdmins(KubeObject role, ClusterView view) {
        List<KubeObject> bindings = RbacBindings.bindingsOf(role, view);
        Set<String> clusterAdmins = adminKeys(view, Kinds.CLUSTER_ROLE_BINDING, null);
        boolean bound = false;
        Set<String> others = new LinkedHashSet<>();
        for (KubeObject binding : bindings) {
            for (Subject s : RbacBindings.subjects(binding)) {
                bound = true;
                if (!s.isSystemPrincipal() && !clusterAdmins.contains(s.key()) && !namespaceAdmin(s, binding, view)) {
                    others.add(s.key());
                }
            }
        }
        if (!bound) {
            return Optional.of("unbound");
        }
        return others.isEmpty() ? Optional.empty() : Optional.of("granted to " + RbacBindings.keys(others));
    }

    private static boolean namespaceAdmin(Subject s, KubeObject binding, ClusterView view) {
        return Kinds.ROLE_BINDING.equals(binding.kindKey())
                && adminKeys(view, Kinds.ROLE_BINDING, binding.namespace()).contains(s.key());
    }

    /** Subjects granted cluster-admin by bindings of a kind (in one namespace, or all with null). */
    private static Set<String> adminKeys(ClusterView view, String bindingKind, String namespace) {
        Set<String> keys = new HashSet<>();
        String ref = Indexes.roleRefValue(Kinds.CLUSTER_ROLE, RbacBindings.CLUSTER_ADMIN);
        for (KubeObject b : view.indexed(Indexes.ROLE_REF, bindingKind, namespace, ref)) {
            RbacBindings.subjects(b).forEach(s -> keys.add(s.key()));
        }
        return keys;
    }
}
