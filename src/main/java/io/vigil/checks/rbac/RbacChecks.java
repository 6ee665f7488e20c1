package io.vigil.checks.rbac;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class RbacChecks {
    private RbacChecks() {}

    public static List<Check> all() {
        return List.of(
                new WildcardVerb(),
                new WildcardResource(),
                new ClusterAdminBinding(),
                new SecretsAccess(),
                new PodCreate(),
                new DefaultSaSubject(),
                new EscalationVerbs(),
                new ExecAttach(),
                new AnonymousSubject(),
                new SystemMasters());
    }
}
