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
 * CIS 5.1.8: {@code bind} and {@code escalate} on roles let a subject grant or give itself permissions it does
 * not hold; {@code impersonate} lets it act as any user, group or ServiceAccount. A verb is reported where the
 * rule also covers what it applies to (a {@code bind} on pods grants nothing), and {@code *} is reported too
 * when it covers those resources, since it includes all three verbs.
 */
public final class EscalationVerbs implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-escalation-verbs")
            .title("Privilege escalation verbs in role")
            .severity(Severity.HIGH)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE, Kinds.CLUSTER_ROLE)
            .controls("CIS:5.1.8")
            .remediation("remove bind, escalate and impersonate, or restrict them with resourceNames to what is needed")
            .build();

    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final String AUTHN_GROUP = "authentication.k8s.io";
    private static final List<String> VERBS = List.of("bind", "escalate", "impersonate");

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        for (Rule rule : RbacRules.of(subject)) {
            List<String> effective =
                    VERBS.stream().filter(v -> appliesTo(v, rule)).toList();
            if (effective.isEmpty()) {
                continue;
            }
            if (rule.verbs().contains(RbacRules.ANY)) {
                out.add(violation(subject, rule, RbacRules.ANY, "* (includes " + String.join(", ", effective) + ")"));
            }
            for (String verb : effective) {
                if (rule.verbs().contains(verb)) {
                    out.add(violation(subject, rule, verb, verb));
                }
            }
        }
        return out;
    }

    private static Violation violation(KubeObject role, Rule rule, String element, String observed) {
        return Violation.of(
                rule.path("verbs", element),
                observed,
                "no bind, escalate or impersonate",
                role.ref().display() + " rule " + rule.index() + " allows " + observed);
    }

    /** Whether the rule covers the resources the verb acts on (whatever verbs it lists). */
    private static boolean appliesTo(String verb, Rule rule) {
        if (!"impersonate".equals(verb)) {
            return rule.covers(RBAC_GROUP, "roles") || rule.covers(RBAC_GROUP, "clusterroles");
        }
        return rule.covers(RbacRules.CORE, "users")
                || rule.covers(RbacRules.CORE, "groups")
                || rule.covers(RbacRules.CORE, "serviceaccounts")
                || rule.covers(AUTHN_GROUP, "uids")
                || rule.coversGroup(AUTHN_GROUP) && rule.resources().stream().anyMatch(r -> r.startsWith("userextras"));
    }
}
