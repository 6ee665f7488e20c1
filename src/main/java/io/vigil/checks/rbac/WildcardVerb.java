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
 * CIS 5.1.3: a {@code *} verb grants every verb the API server has or will ever add (escalate, bind,
 * impersonate, deletecollection...), so roles should list the verbs they need.
 */
public final class WildcardVerb implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-wildcard-verb")
            .title("Wildcard verb in role")
            .severity(Severity.HIGH)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE, Kinds.CLUSTER_ROLE)
            .controls("CIS:5.1.3")
            .remediation("replace verbs: [\"*\"] with the explicit verbs the role needs")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        for (Rule rule : RbacRules.of(subject)) {
            if (rule.verbs().contains(RbacRules.ANY)) {
                out.add(Violation.of(
                        rule.path("verbs", RbacRules.ANY),
                        "*",
                        "explicit verbs",
                        subject.ref().display() + " rule " + rule.index() + " allows every verb"));
            }
        }
        return out;
    }
}
