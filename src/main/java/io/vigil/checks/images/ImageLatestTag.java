package io.vigil.checks.images;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.ImageRef;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;

/**
 * Flags images that float: tag {@code latest} or no tag at all, so what runs changes with every pull and
 * no audit can say which build was deployed. A digest-pinned image is exempt whatever its tag, because the
 * runtime pulls by digest and ignores the tag.
 */
public final class ImageLatestTag extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("image-latest-tag")
            .title("Image uses the latest tag or no tag")
            .severity(Severity.MEDIUM)
            .family(Family.IMAGES)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("reference a fixed release tag (better: pin the image by its @sha256 digest)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void inspect(ContainerView c, ClusterView view, Findings out) {
        ImageRef.parse(c.image()).filter(ImageLatestTag::floats).ifPresent(ref -> out.add(violation(c, ref)));
    }

    private static boolean floats(ImageRef ref) {
        return !ref.isDigestPinned() && (ref.tag() == null || "latest".equals(ref.tag()));
    }

    private static Violation violation(ContainerView c, ImageRef ref) {
        String what = ref.tag() == null ? "has no tag (pulls latest)" : "uses the latest tag";
        return Violation.of(
                c.path("image"),
                ref.original(),
                "a fixed release tag or an @sha256 digest",
                "container " + c.name() + " image " + ref.original() + " " + what);
    }
}
