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
 * Flags images not pinned by a valid content digest: even a release tag can be re-pushed, so only a
 * digest ties the running code to what was reviewed and scanned (DESIGN §4). An image with a valid digest
 * is pinned regardless of its tag; a digest the OCI image spec rejects (uppercase hex, wrong length) pins
 * nothing and the message says why.
 */
public final class ImageNotDigestPinned extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("image-not-digest-pinned")
            .title("Image not pinned by digest")
            .severity(Severity.LOW)
            .family(Family.IMAGES)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("reference the image by digest, e.g. registry/app:1.2.3@sha256:<digest>")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void inspect(ContainerView c, ClusterView view, Findings out) {
        ImageRef.parse(c.image())
                .filter(ref -> !ref.isDigestPinned())
                .ifPresent(ref -> out.add(Violation.of(
                        c.path("image"),
                        ref.original(),
                        "an image pinned by a valid digest (@sha256:<64 lowercase hex> or @sha512:<128>)",
                        "container " + c.name() + " image " + ref.original() + " is not pinned by digest"
                                + ref.digestProblem().map(p -> ": " + p).orElse(""))));
    }
}
