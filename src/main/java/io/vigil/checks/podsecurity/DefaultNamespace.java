package io.vigil.checks.podsecurity;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * Workloads belong in a namespace of their own: {@code default} is where everything unplaced lands, so
 * RBAC, network policies and Pod Security labels scoped to it cannot be tailored to one application.
 * A workload with no namespace is in {@code default}.
 */
public final class DefaultNamespace implements Check {
    private static final String DEFAULT = "default";
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("default-namespace")
            .title("Workload in the default namespace")
            .severity(Severity.LOW)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.7.4")
            .remediation("deploy the workload into a dedicated namespace with its own RBAC, network policies and "
                    + "Pod Security labels")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        String ns = subject.namespace();
        if (ns != null && !ns.isEmpty() && !DEFAULT.equals(ns)) {
            return List.of();
        }
        String observed = ns == null || ns.isEmpty() ? "unset (default)" : DEFAULT;
        return List.of(Violation.of(
                "metadata.namespace",
                observed,
                "a dedicated namespace",
                subject.kindKey() + " " + subject.name() + " runs in the default namespace"));
    }
}
