package io.vigil.checks.dapr;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * Flags Dapr-enabled workloads ({@code dapr.io/enabled: "true"} on the pod template) without
 * {@code dapr.io/api-token-secret}: any process that can reach the sidecar's HTTP/gRPC API can then invoke
 * services, read state and secrets, and publish as the app.
 */
public final class DaprApiTokenMissing implements Check {
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
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return PodSpecView.of(subject)
                .filter(pod -> Json.isTrue(pod.metadata().path("annotations").get(ENABLED)))
                .filter(pod -> isBlank(pod.annotation(TOKEN)))
                .map(pod -> List.of(Violation.of(
                        pod.metadataPath("annotations[" + TOKEN + "]"),
                        "unset",
                        "the name of a Secret holding the Dapr API token",
                        subject.ref().kind() + " " + subject.name() + " runs a Dapr sidecar whose API accepts calls"
                                + " without a token")))
                .orElse(List.of());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
