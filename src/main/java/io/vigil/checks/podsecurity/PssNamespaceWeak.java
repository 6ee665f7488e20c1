package io.vigil.checks.podsecurity;

import static io.vigil.checks.podsecurity.PssNamespaceLabels.AUDIT;
import static io.vigil.checks.podsecurity.PssNamespaceLabels.ENFORCE;
import static io.vigil.checks.podsecurity.PssNamespaceLabels.WARN;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.checks.podsecurity.PssNamespaceLabels.Reading;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Vigil's target is PSS restricted: a namespace that enforces only baseline, or whose enforce label is not
 * a valid level, falls short; and without {@code warn} and {@code audit} at restricted, violations of
 * workload templates (which enforce never checks) go unseen by users and by the audit log. Each label is
 * its own element, so warn/audit are reported even when enforce is missing (that part is
 * {@code pss-namespace-unenforced}'s finding).
 */
public final class PssNamespaceWeak implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("pss-namespace-weak")
            .title("Pod Security admission weaker than restricted in namespace")
            .severity(Severity.MEDIUM)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.NAMESPACE)
            .controls("CIS:5.2.1")
            .remediation("label the namespace pod-security.kubernetes.io/enforce=restricted, "
                    + "pod-security.kubernetes.io/warn=restricted and pod-security.kubernetes.io/audit=restricted")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        enforce(subject, out);
        visibility(subject, WARN, "warn", out);
        visibility(subject, AUDIT, "audit", out);
        return out;
    }

    private static void enforce(KubeObject ns, List<Violation> out) {
        Reading r = PssNamespaceLabels.read(ns, ENFORCE);
        String path = PssNamespaceLabels.path(ENFORCE);
        if (r == Reading.BASELINE) {
            out.add(Violation.of(
                    path,
                    "baseline",
                    "restricted",
                    "namespace " + ns.name() + " enforces only the baseline Pod Security level"));
        } else if (r == Reading.INVALID) {
            out.add(Violation.of(
                    path,
                    PssNamespaceLabels.observed(ns, ENFORCE) + " (not a valid level)",
                    "restricted",
                    "namespace " + ns.name() + " has an invalid Pod Security enforce level "
                            + "(admission falls back to restricted and reports an error)"));
        }
    }

    private static void visibility(KubeObject ns, String label, String mode, List<Violation> out) {
        Reading r = PssNamespaceLabels.read(ns, label);
        if (r == Reading.RESTRICTED) {
            return;
        }
        String observed = PssNamespaceLabels.observed(ns, label) + (r == Reading.INVALID ? " (not a valid level)" : "");
        String message = switch (r) {
            case UNSET -> "namespace " + ns.name() + " has no Pod Security " + mode + " label";
            case INVALID -> "namespace " + ns.name() + " has an invalid Pod Security " + mode + " level";
            default -> "namespace " + ns.name() + " sets Pod Security " + mode + " below restricted";
        };
        out.add(Violation.of(PssNamespaceLabels.path(label), observed, "restricted", message));
    }
}
