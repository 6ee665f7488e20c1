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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Flags a kube-apiserver that accepts anonymous requests: {@code --anonymous-auth} not false (unset defaults
 * to true), so unauthenticated callers reach whatever RBAC grants {@code system:anonymous} and
 * {@code system:unauthenticated} (CIS 1.2.1).
 */
public final class ApiServerAnonymousAuth implements Check {
    static final String FLAG = "--anonymous-auth";
    /** The spellings of false that Go's strconv.ParseBool (and so pflag) accepts. */
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "f", "F", "0");

    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("apiserver-anonymous-auth")
            .title("API server allows anonymous requests")
            .severity(Severity.HIGH)
            .family(Family.CONTROL_PLANE)
            .subjects(Kinds.POD)
            .scope(Scope.SYSTEM)
            .controls("CIS:1.2.1")
            .remediation("set --anonymous-auth=false on kube-apiserver (health probes then need credentials or"
                    + " the structured authentication config's anonymous endpoint list)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        Optional<ApiServerFlags> found = ApiServerFlags.of(subject);
        if (found.isEmpty()) {
            return List.of();
        }
        ApiServerFlags apiserver = found.get();
        Optional<ApiServerFlags.Flag> flag = apiserver.flag(FLAG);
        if (flag.filter(f -> FALSE.contains(f.value().trim())).isPresent()) {
            return List.of();
        }
        String observed =
                flag.map(f -> f.value().isEmpty() ? "true" : f.value()).orElse("unset (defaults to true)");
        return List.of(Violation.of(
                apiserver.path(FLAG),
                observed,
                "false",
                "kube-apiserver in pod " + subject.name() + " accepts anonymous requests"));
    }
}
