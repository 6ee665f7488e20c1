package io.vigil.checks.controlplane;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags a kube-apiserver that keeps no audit log: without {@code --audit-policy-file} nothing is audited and
 * without {@code --audit-log-path} nothing is written to a log, so who did what to the cluster cannot be
 * reconstructed (CIS 1.2.16, 3.2.1). Each missing flag is its own finding.
 */
public final class ApiServerAuditLogDisabled implements Check {
    private static final List<String> REQUIRED = List.of("--audit-policy-file", "--audit-log-path");

    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("apiserver-audit-log-disabled")
            .title("API server audit logging disabled")
            .severity(Severity.HIGH)
            .family(Family.CONTROL_PLANE)
            .subjects(Kinds.POD)
            .scope(Scope.SYSTEM)
            .controls("CIS:1.2.16", "CIS:3.2.1")
            .remediation("in the kube-apiserver static pod manifest set --audit-policy-file to an audit Policy"
                    + " and --audit-log-path to a log file (with --audit-log-maxage/maxbackup/maxsize)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        ApiServerFlags.of(subject).ifPresent(apiserver -> {
            for (String flag : REQUIRED) {
                if (!apiserver.hasValue(flag)) {
                    out.add(Violation.of(
                            apiserver.path(flag),
                            apiserver.flag(flag).isPresent() ? "empty" : "unset",
                            "a path",
                            "kube-apiserver in pod " + subject.name() + " runs without " + flag
                                    + ", so API requests are not audit-logged"));
                }
            }
        });
        return out;
    }
}
