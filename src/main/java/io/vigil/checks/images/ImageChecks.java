package io.vigil.checks.images;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class ImageChecks {
    private ImageChecks() {}

    public static List<Check> all() {
        return List.of(
                new ImageLatestTag(),
                new ImageNotDigestPinned(),
                new ImageUntrustedRegistry(),
                new ImageVulnerable(),
                new ImageUnscanned(),
                new ImageSignatureUnenforced());
    }
}
