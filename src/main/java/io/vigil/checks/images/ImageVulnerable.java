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
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;

/**
 * Flags running containers whose image has CRITICAL or HIGH vulnerabilities according to the Trivy
 * Operator's VulnerabilityReports; the finding takes the severity of the worst one, so a critical CVE pages
 * like a critical misconfiguration. Looks at every running pod, whoever controls it (what runs is what
 * counts), and at top-level workload templates when the input holds no pods (manifests). See
 * {@link VulnerabilityReports} for which subjects are judged and how reports are matched to containers.
 */
public final class ImageVulnerable extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("image-vulnerable")
            .title("Running image has high or critical vulnerabilities")
            .severity(Severity.HIGH)
            .family(Family.IMAGES)
            .subjects(Kinds.POD_SPEC_KINDS)
            .reads(Kinds.VULNERABILITY_REPORT)
            .scope(Scope.RUNNING_PODS)
            .remediation("rebuild or update the image to a release with the fixes, then redeploy")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        if (!VulnerabilityReports.judged(pod.owner(), view)) {
            return;
        }
        for (ContainerView c : pod.containers()) {
            if (c.image() == null || c.image().isBlank()) {
                continue;
            }
            int critical = 0;
            int high = 0;
            for (KubeObject report : VulnerabilityReports.forContainer(pod.owner(), c, view)) {
                critical = Math.max(critical, VulnerabilityReports.count(report, "criticalCount"));
                high = Math.max(high, VulnerabilityReports.count(report, "highCount"));
            }
            if (critical > 0 || high > 0) {
                out.add(violation(c, critical, high));
            }
        }
    }

    private static Violation violation(ContainerView c, int critical, int high) {
        String counts = critical + " critical, " + high + " high";
        Violation v = Violation.of(
                c.path("image"),
                counts,
                "no critical or high vulnerabilities",
                "container " + c.name() + " runs image " + c.image() + " with " + counts + " vulnerabilities");
        // HIGH is the default severity (and stays subject to configured overrides); CRITICAL always escalates.
        return critical > 0 ? v.withSeverity(Severity.CRITICAL) : v;
    }
}
