package io.vigil.checks.rbac;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.checks.rbac.RbacBindings.Subject;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * CIS 5.1.5: every pod that names no ServiceAccount runs as its namespace's {@code default} one, so a
 * permission granted to it is granted to all of them. Reported for the ServiceAccount subject, its user name
 * {@code system:serviceaccount:<ns>:default}, and the groups {@code system:serviceaccounts[:<ns>]}, which
 * include it.
 */
public final class DefaultSaSubject implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rbac-default-sa-subject")
            .title("Binding grants to a default ServiceAccount")
            .severity(Severity.MEDIUM)
            .family(Family.RBAC)
            .subjects(Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING)
            .controls("CIS:5.1.5")
            .remediation("create a dedicated ServiceAccount for the workload and bind the role to it instead")
            .build();

    private static final String ALL_SERVICE_ACCOUNTS = "system:serviceaccounts";

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        for (Subject s : RbacBindings.subjects(subject)) {
            String reaches = reaches(s);
            if (reaches != null) {
                out.add(Violation.of(
                        s.path(),
                        s.key(),
                        "a dedicated ServiceAccount",
                        subject.ref().display() + " grants " + RbacBindings.roleRefDisplay(subject) + " to "
                                + reaches));
            }
        }
        return out;
    }

    /** Which default ServiceAccounts the subject stands for, or null when none. */
    private static String reaches(Subject s) {
        if (RbacBindings.SERVICE_ACCOUNT.equals(s.kind()) && "default".equals(s.name())) {
            return "the default ServiceAccount" + (s.namespace() == null ? "" : " of namespace " + s.namespace());
        }
        if (RbacBindings.USER.equals(s.kind())
                && s.name().startsWith("system:serviceaccount:")
                && s.name().endsWith(":default")
                && s.name().split(":", -1).length == 4) {
            return "the default ServiceAccount of namespace " + s.name().split(":", -1)[2];
        }
        if (RbacBindings.GROUP.equals(s.kind()) && ALL_SERVICE_ACCOUNTS.equals(s.name())) {
            return "every ServiceAccount, default ones included";
        }
        if (RbacBindings.GROUP.equals(s.kind()) && s.name().startsWith(ALL_SERVICE_ACCOUNTS + ":")) {
            return "every ServiceAccount of namespace " + s.name().substring(ALL_SERVICE_ACCOUNTS.length() + 1)
                    + ", default included";
        }
        return null;
    }
}
