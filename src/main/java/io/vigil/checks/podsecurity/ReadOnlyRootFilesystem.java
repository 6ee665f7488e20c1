package io.vigil.checks.podsecurity;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;

/**
 * Vigil guardrail (not part of PSS, so no PSS control): every container, init and ephemeral ones
 * included, must set {@code readOnlyRootFilesystem: true}, so a compromised process cannot drop tools
 * or rewrite binaries in its image. Windows pods are exempt: the API server forbids the field for them.
 */
public final class ReadOnlyRootFilesystem extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("read-only-root-filesystem")
            .title("Writable root filesystem")
            .severity(Severity.MEDIUM)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.7.3")
            .remediation("set securityContext.readOnlyRootFilesystem to true and mount an emptyDir where the "
                    + "container needs to write")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected boolean judges(PodSpecView pod) {
        return !pod.isWindows();
    }

    @Override
    protected void inspect(ContainerView c, ClusterView view, Findings out) {
        var value = c.securityContext().path("readOnlyRootFilesystem");
        if (!Json.isTrue(value)) {
            out.add(Violation.of(
                    c.path("securityContext.readOnlyRootFilesystem"),
                    Json.render(value),
                    "true",
                    "container " + c.name() + " has a writable root filesystem"));
        }
    }
}
