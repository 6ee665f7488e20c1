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
import java.util.ArrayList;
import java.util.List;

/**
 * CIS 5.1.3: a {@code *} resource or API group reaches secrets, RBAC objects and every CRD installed later,
 * so roles should name the resources and groups they need. Each wildcard element is reported.
 */
public final class WildcardResource implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-wildcard-resource")
            .title("Wildcard resource or API group in role")
            .severity(Severity.HIGH)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE, Kinds.CLUSTER_ROLE)
            .controls("CIS:5.1.3")
            .remediation("replace \"*\" in resources and apiGroups with the explicit resources and API groups needed")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        for (Rule rule : RbacRules.of(subject)) {
            if (rule.resources().contains(RbacRules.ANY)) {
                out.add(Violation.of(
                        rule.path("resources", RbacRules.ANY),
                        "*",
                        "explicit resources",
                        subject.ref().display() + " rule " + rule.index() + " covers every resource"));
            }
            if (rule.apiGroups().contains(RbacRules.ANY)) {
                out.add(Violation.of(
                        rule.path("apiGroups", RbacRules.ANY),
                        "*",
                        "explicit API groups",
                        subject.ref().display() + " rule " + rule.index() + " covers every API group"));
            }
        }
        return out;
    }
}
