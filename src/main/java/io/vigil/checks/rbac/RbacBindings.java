package io.vigil.checks.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.ClusterView;
import io.vigil.check.support.Indexes;
import io.vigil.check.support.Json;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Reads RoleBindings and ClusterRoleBindings: their subjects, their roleRef, and who a role is granted to. */
final class RbacBindings {
    static final String CLUSTER_ADMIN = "cluster-admin";
    static final String SERVICE_ACCOUNT = "ServiceAccount";
    static final String USER = "User";
    static final String GROUP = "Group";
    /** Principals that are everyone (or any unauthenticated caller): never "admin" despite the system: prefix. */
    static final Set<String> PUBLIC_PRINCIPALS =
            Set.of("system:anonymous", "system:unauthenticated", "system:authenticated");

    private static final int NAMED = 3;

    private RbacBindings() {}

    /**
     * A binding subject. A ServiceAccount's namespace defaults to the RoleBinding's own namespace (as the API
     * server resolves it); other kinds carry none.
     */
    record Subject(String kind, String name, String namespace) {
        /** {@code Kind:namespace/name} for ServiceAccounts, {@code Kind:name} otherwise. */
        String key() {
            return kind + ":" + (namespace == null ? "" : namespace + "/") + name;
        }

        String path() {
            return "subjects[" + key() + "]";
        }

        boolean isUserOrGroup() {
            return USER.equals(kind) || GROUP.equals(kind);
        }

        /**
         * A {@code system:} user or group (control-plane components, nodes, system:masters), but not the public
         * groups nor the service-account user names and groups, which are ordinary workloads.
         */
        boolean isSystemPrincipal() {
            return isUserOrGroup()
                    && name.startsWith("system:")
                    && !PUBLIC_PRINCIPALS.contains(name)
                    && !name.startsWith("system:serviceaccount");
        }
    }

    /** The distinct, well-formed subjects of a binding, in order. */
    static List<Subject> subjects(KubeObject binding) {
        Map<String, Subject> out = new LinkedHashMap<>();
        String defaultNs = Kinds.ROLE_BINDING.equals(binding.kindKey()) ? binding.namespace() : null;
        for (JsonNode s : Json.elements(binding.at("subjects"))) {
            String kind = Json.text(s, "kind");
            String name = Json.text(s, "name");
            if (kind == null || name == null || name.isEmpty()) {
                continue;
            }
            String ns = null;
            if (SERVICE_ACCOUNT.equals(kind)) {
                String declared = Json.text(s, "namespace");
                ns = declared != null && !declared.isEmpty() ? declared : defaultNs;
            }
            Subject subject = new Subject(kind, name, ns);
            out.putIfAbsent(subject.key(), subject);
        }
        return List.copyOf(out.values());
    }

    /** Subject keys for a message: the first three, then a count. */
    static String keys(Collection<String> keys) {
        List<String> list = new ArrayList<>(keys);
        String shown = String.join(", ", list.subList(0, Math.min(NAMED, list.size())));
        return list.size() > NAMED ? shown + " and " + (list.size() - NAMED) + " more" : shown;
    }

    static String roleRefKind(KubeObject binding) {
        return Json.text(binding.at("roleRef", "kind"));
    }

    static String roleRefName(KubeObject binding) {
        return Json.text(binding.at("roleRef", "name"));
    }

    /** "ClusterRole view" for messages, or "its role" when the roleRef is unreadable. */
    static String roleRefDisplay(KubeObject binding) {
        String kind = roleRefKind(binding);
        String name = roleRefName(binding);
        return name == null ? "its role" : (kind == null ? "" : kind + " ") + name;
    }

    static boolean refersToClusterRole(KubeObject binding, String name) {
        return Kinds.CLUSTER_ROLE.equals(roleRefKind(binding)) && name != null && name.equals(roleRefName(binding));
    }

    /** A ClusterRole by name; cluster-scoped, so any namespace a manifest may carry is ignored. */
    static Optional<KubeObject> clusterRole(ClusterView view, String name) {
        return view.list(Kinds.CLUSTER_ROLE).stream()
                .filter(r -> Objects.equals(r.name(), name))
                .findFirst();
    }

    /** The bindings that grant this Role or ClusterRole (RoleBindings may grant a ClusterRole in one namespace). */
    static List<KubeObject> bindingsOf(KubeObject role, ClusterView view) {
        List<KubeObject> out = new ArrayList<>();
        if (role.name() == null) {
            return out;
        }
        if (Kinds.CLUSTER_ROLE.equals(role.kindKey())) {
            String ref = Indexes.roleRefValue(Kinds.CLUSTER_ROLE, role.name());
            out.addAll(view.indexed(Indexes.ROLE_REF, Kinds.CLUSTER_ROLE_BINDING, null, ref));
            out.addAll(view.indexed(Indexes.ROLE_REF, Kinds.ROLE_BINDING, null, ref));
        } else {
            String ref = Indexes.roleRefValue(Kinds.ROLE, role.name());
            out.addAll(view.indexed(Indexes.ROLE_REF, Kinds.ROLE_BINDING, role.namespace(), ref));
        }
        return out;
    }
}
