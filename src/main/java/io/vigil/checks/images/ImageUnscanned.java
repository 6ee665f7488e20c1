package io.vigil.checks.images;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;

/**
 * Flags running containers whose image no VulnerabilityReport covers, so a gap in scanning (a namespace the
 * operator skips, a failed scan job) is not mistaken for a clean image. Only when the Trivy Operator is
 * present, i.e. the cluster serves VulnerabilityReports; matching as in {@link VulnerabilityReports}.
 */
public final class ImageUnscanned extends PodSpecCheck {
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
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        if (!view.serves(Kinds.VULNERABILITY_REPORT)) {
            return;
        }
        for (ContainerView c : VulnerabilityReports.unscanned(pod.owner(), view)) {
            out.add(Violation.of(
                    c.path("image"),
                    "no VulnerabilityReport",
                    "a VulnerabilityReport",
                    "container " + c.name() + " runs image " + c.image() + ", which has not been scanned"));
        }
    }
}
