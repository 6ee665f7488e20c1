package io.vigil.checks.rbac;

import io.vigil.check.ClusterView;
import io.vigil.check.Violation;
import io.vigil.checks.rbac.RbacRules.Rule;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The "create on something dangerous" role checks (pod create, exec/attach) differ only in what the
 * dangerous resources are; the finding, one per rule at the verb that grants create, is the same, and so is
 * the rule that it counts only when the role reaches beyond admins (see {@link RoleExposure}).
 */
final class CreateGrants {
    private static final List<String> CREATE = List.of("create");

    private CreateGrants() {}

    /**
     * @param targets the resources of a rule whose create is dangerous (empty when none), in report order
     */
    static List<Violation> of(KubeObject role, ClusterView view, Function<Rule, Collection<String>> targets) {
        List<Violation> out = new ArrayList<>();
        for (Rule rule : RbacRules.of(role)) {
            Optional<String> verb = rule.grantingVerb(CREATE);
            Collection<String> covered = verb.isPresent() ? targets.apply(rule) : List.of();
            if (!covered.isEmpty()) {
                String observed = "create on " + String.join(", ", covered);
                out.add(Violation.of(
                        rule.path("verbs", verb.get()),
                        observed,
                        "admins only",
                        role.ref().display() + " rule " + rule.index() + " allows " + observed));
            }
        }
        return RoleExposure.keepIfBeyondAdmins(out, role, view);
    }
}
