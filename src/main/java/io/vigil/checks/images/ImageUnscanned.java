package io.vigil.checks.images;

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

/**
 * Flags running containers whose image no VulnerabilityReport covers, so a gap in scanning (a namespace the
 * operator skips, a failed scan job) is not mistaken for a clean image. Only when the Trivy Operator is
 * present, i.e. the cluster serves VulnerabilityReports; matching as in {@link VulnerabilityReports}.
 */
public final class ImageUnscanned implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("image-unscanned")
            .title("Running image has no vulnerability report")
            .severity(Severity.LOW)
            .family(Family.IMAGES)
            .subjects(Kinds.POD_SPEC_KINDS)
            .reads(Kinds.VULNERABILITY_REPORT)
            .scope(Scope.RUNNING_PODS)
            .remediation("let the Trivy Operator scan this workload (check its target and excluded namespaces"
                    + " and its scan jobs)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        if (!view.serves(Kinds.VULNERABILITY_REPORT)) {
            return List.of();
        }
        return VulnerabilityReports.unscanned(subject, view).stream()
                .map(c -> Violation.of(
                        c.path("image"),
                        "no VulnerabilityReport",
                        "a VulnerabilityReport",
                        "container " + c.name() + " runs image " + c.image() + ", which has not been scanned"))
                .toList();
    }
}
