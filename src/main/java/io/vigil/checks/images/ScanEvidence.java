package io.vigil.checks.images;

import io.vigil.check.ClusterView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.KubeObject;
import java.util.List;

/**
 * Scan evidence for reports: which running images no VulnerabilityReport covers, matched exactly as the
 * image-scan checks match them, so the checklist cannot call an image scanned that {@code image-unscanned}
 * would call unscanned.
 */
public final class ScanEvidence {
    private ScanEvidence() {}

    /** The images of the subject's containers without a report; empty when the checks do not judge it. */
    public static List<String> imagesWithoutReport(KubeObject subject, ClusterView view) {
        return VulnerabilityReports.unscanned(subject, view).stream()
                .map(ContainerView::image)
                .toList();
    }
}
