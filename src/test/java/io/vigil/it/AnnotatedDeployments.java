package io.vigil.it;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import io.vigil.policy.AnnotationExemptions;
import io.vigil.testing.RunningVigil;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The demo's task-api Deployment exempted from host-port by annotation, and how the ITs read its finding. */
final class AnnotatedDeployments {
    private AnnotatedDeployments() {}

    static void exemptHostPort(EmbeddedCluster cluster, String expires) {
        cluster.admin()
                .apps()
                .deployments()
                .inNamespace("task-api-dev")
                .withName("task-api")
                .edit(d -> new DeploymentBuilder(d)
                        .editMetadata()
                        .addToAnnotations(Map.of(
                                AnnotationExemptions.EXEMPT, "host-port",
                                AnnotationExemptions.REASON, "the load balancer still targets the node port",
                                AnnotationExemptions.OWNER, "platform-team@example.com",
                                AnnotationExemptions.EXPIRES, expires))
                        .endMetadata()
                        .build());
    }

    static Optional<TrackedFinding> hostPort(RunningVigil vigil) {
        return vigil.open().stream()
                .filter(t -> t.finding().checkId().equals("host-port")
                        && t.finding().resource().name().equals("task-api"))
                .findFirst();
    }

    static List<FindingEvent> eventsOf(RunningVigil vigil, String findingId) {
        return vigil.events().stream()
                .filter(e -> e.finding().id().equals(findingId))
                .toList();
    }
}
