package io.vigil.checks.dapr;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;

/**
 * Flags Dapr-enabled workloads ({@code dapr.io/enabled: "true"} on the pod template) without
 * {@code dapr.io/api-token-secret}: any process that can reach the sidecar's HTTP/gRPC API can then invoke
 * services, read state and secrets, and publish as the app.
 */
public final class DaprApiTokenMissing extends PodSpecCheck {
    static final String ENABLED = "dapr.io/enabled";
    static final String TOKEN = "dapr.io/api-token-secret";

    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("dapr-api-token-missing")
            .title("Dapr sidecar API without token authentication")
            .severity(Severity.MEDIUM)
            .family(Family.DAPR)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("create a Secret with a token key and set the pod template annotation"
                    + " dapr.io/api-token-secret to its name")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected boolean judges(PodSpecView pod) {
        return Json.isTrue(pod.metadata().path("annotations").get(ENABLED));
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        if (isBlank(pod.annotation(TOKEN))) {
            out.add(Violation.of(
                    pod.metadataPath("annotations[" + TOKEN + "]"),
                    "unset",
                    "the name of a Secret holding the Dapr API token",
                    pod.owner().ref().kind() + " " + pod.owner().name()
                            + " runs a Dapr sidecar whose API accepts calls without a token"));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
