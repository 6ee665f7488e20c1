package io.vigil.checks.rbac;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.checks.rbac.RbacRules.Rule;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CIS 5.1.4: whoever can create pods, directly or through a workload controller, can run any image with any
 * ServiceAccount of the namespace and read its secrets. Reported on the role, per rule, when a non-admin holds
 * it or it is unbound (see {@link RoleExposure}).
 */
public final class PodCreate implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-pod-create")
            .title("Pod or workload create for non-admin subjects")
            .severity(Severity.MEDIUM)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE, Kinds.CLUSTER_ROLE)
            .reads(Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING)
            .controls("CIS:5.1.4")
            .remediation("limit create on pods and workloads to deployment pipelines and admins; "
                    + "enforce Pod Security admission where it is granted")
            .build();

    /** API group to the resources whose create starts pods (extensions: legacy, kept for old manifests). */
    private static final Map<String, List<String>> POD_CREATORS = Map.of(
            RbacRules.CORE,
            List.of("pods", "replicationcontrollers"),
            "apps",
            List.of("deployments", "statefulsets", "daemonsets", "replicasets"),
            "batch",
            List.of("jobs", "cronjobs"),
            "extensions",
            List.of("deployments", "daemonsets", "replicasets"));

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return CreateGrants.of(subject, view, PodCreate::podCreators);
    }

    private static Set<String> podCreators(Rule rule) {
        if (rule.resources().contains(RbacRules.ANY) && rule.apiGroups().contains(RbacRules.ANY)) {
            return Set.of("*");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String group : List.of(RbacRules.CORE, "apps", "batch", "extensions")) {
            for (String resource : POD_CREATORS.get(group)) {
                if (rule.covers(group, resource)) {
                    out.add(resource);
                }
            }
        }
        return out;
    }
}
