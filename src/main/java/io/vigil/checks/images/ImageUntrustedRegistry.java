package io.vigil.checks.images;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.ImageRef;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;
import java.util.List;

/**
 * Flags images pulled from outside the configured registry allow-list ({@code allowedRegistries}); only
 * trusted registries carry the organisation's scanning and provenance controls (CIS 5.5.1). Silent while
 * no allow-list is configured. See {@link RegistryAllowList} for how entries match.
 */
public final class ImageUntrustedRegistry extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("image-untrusted-registry")
            .title("Image from an untrusted registry")
            .severity(Severity.HIGH)
            .family(Family.IMAGES)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.5.1")
            .remediation("pull the image from an allowed registry (mirror it there), or extend allowedRegistries")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        List<String> configured = view.settings().allowedRegistries();
        RegistryAllowList allowList = new RegistryAllowList(configured);
        if (allowList.isEmpty()) {
            return;
        }
        String expected = "a registry in "
                + String.join(
                        ", ",
                        configured.stream()
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList());
        for (ContainerView c : pod.containers()) {
            ImageRef.parse(c.image())
                    .filter(ref -> !allowList.allows(ref))
                    .ifPresent(ref -> out.add(Violation.of(
                            c.path("image"),
                            ref.name(),
                            expected,
                            "container " + c.name() + " pulls " + ref.original() + " from registry " + ref.registry()
                                    + ", which is not allowed")));
        }
    }
}
