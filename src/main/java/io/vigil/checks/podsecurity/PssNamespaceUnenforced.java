package io.vigil.checks.podsecurity;

import static io.vigil.checks.podsecurity.PssNamespaceLabels.ENFORCE;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.checks.podsecurity.PssNamespaceLabels.Reading;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * A namespace must have Pod Security admission enforcing something: without an {@code enforce} label,
 * or with {@code privileged}, any pod spec is admitted and PSS is only on paper. An invalid level is not
 * reported here, since admission then enforces {@code restricted}; {@code pss-namespace-weak} names it.
 */
public final class PssNamespaceUnenforced implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("pss-namespace-unenforced")
            .title("Pod Security admission not enforced in namespace")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.NAMESPACE)
            .controls("CIS:5.2.1")
            .remediation("label the namespace pod-security.kubernetes.io/enforce=restricted (or baseline while "
                    + "workloads are being hardened)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        Reading enforce = PssNamespaceLabels.read(subject, ENFORCE);
        String path = PssNamespaceLabels.path(ENFORCE);
        if (enforce == Reading.UNSET) {
            return List.of(Violation.of(
                    path,
                    "unset",
                    "restricted or baseline",
                    "namespace " + subject.name() + " has no Pod Security enforce label"));
        }
        if (enforce == Reading.PRIVILEGED) {
            return List.of(Violation.of(
                    path,
                    "privileged",
                    "restricted or baseline",
                    "namespace " + subject.name()
                            + " enforces the privileged Pod Security level, which admits any pod"));
        }
        return List.of();
    }
}
