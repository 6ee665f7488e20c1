package io.vigil.check.support;

import io.vigil.check.ViewIndex;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Ownership;
import java.util.List;
import java.util.Set;

/** The indexes cross-object checks query ({@link io.vigil.check.ClusterView#indexed}). */
public final class Indexes {
    /**
     * Top-level workloads (DESIGN §2: not controlled by another workload) by the ServiceAccount they run as,
     * except {@code default}: nobody asks who shares it ({@code default-service-account} reports its use), and
     * indexed it would make a change to one default workload re-queue every other of its namespace.
     */
    public static final ViewIndex SERVICE_ACCOUNT =
            new ViewIndex("serviceAccount", Set.copyOf(Kinds.POD_SPEC_KINDS), Indexes::topLevelServiceAccount);

    /** RoleBindings and ClusterRoleBindings by the role they grant, as {@code Kind/name}. */
    public static final ViewIndex ROLE_REF =
            new ViewIndex("roleRef", Set.of(Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING), Indexes::roleRef);

    private static final String DEFAULT_SERVICE_ACCOUNT = "default";

    public static final List<ViewIndex> ALL = List.of(SERVICE_ACCOUNT, ROLE_REF);

    private Indexes() {}

    public static String roleRefValue(String kind, String name) {
        return kind + "/" + name;
    }

    private static List<String> topLevelServiceAccount(KubeObject o) {
        if (Ownership.isControlledByWorkload(o)) {
            return List.of();
        }
        return PodSpecView.of(o)
                .map(PodSpecView::serviceAccountName)
                .filter(sa -> !DEFAULT_SERVICE_ACCOUNT.equals(sa))
                .map(List::of)
                .orElse(List.of());
    }

    private static List<String> roleRef(KubeObject binding) {
        String kind = Json.text(binding.at("roleRef"), "kind");
        String name = Json.text(binding.at("roleRef"), "name");
        return kind == null || name == null ? List.of() : List.of(roleRefValue(kind, name));
    }
}
