package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.Finding;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.PromText;
import io.vigil.testing.RunningVigil;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A watched Pod with fields of the wrong type (the mock API server, like a CRD without a schema, stores what it
 * is sent) is cached with what could be read and counted in {@code vigil_decode_errors_total}; the informer
 * keeps running, and the checks that read the bad fields report them as unreadable instead of passing.
 */
class UnreadableFieldIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static GenericKubernetesResource pod(String name, String spec) {
        return Serialization.unmarshal("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"shop"},"spec":%s}""".formatted(name, spec), GenericKubernetesResource.class);
    }

    private static final String PRIVILEGED =
            "{\"containers\":[{\"name\":\"api\",\"image\":\"shop/api:1.0\",\"securityContext\":{\"privileged\":true}}]}";

    @Test
    void aPodWithUnreadableFieldsIsCachedCountedAndReportedWhileLaterPodsAreStillAudited() {
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            KubernetesClient kube = cluster.admin();
            kube.resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("shop")
                            .endMetadata()
                            .build())
                    .create();
            kube.resource(pod("early", PRIVILEGED)).create();
            try (RunningVigil vigil = RunningVigil.start(cluster.newClient(), RunningVigil.fastPipeline())) {
                await().atMost(WAIT)
                        .until(() -> vigil.service().ready()
                                && finding(vigil, "early", "privileged-container")
                                        .isPresent());

                kube.resource(pod(
                                "bad",
                                "{\"hostNetwork\":\"yes\",\"containers\":[{\"name\":\"api\",\"image\":\"shop/api:1.0\","
                                        + "\"securityContext\":{\"runAsUser\":\"root\",\"privileged\":true}}]}"))
                        .create();
                kube.resource(pod("late", PRIVILEGED)).create();

                await().atMost(WAIT)
                        .until(() -> finding(vigil, "late", "privileged-container")
                                        .isPresent()
                                && finding(vigil, "bad", "run-as-non-root").isPresent());
                assertThat(finding(vigil, "bad", "host-namespaces").orElseThrow())
                        .extracting(Finding::path, Finding::observed)
                        .containsExactly(
                                "spec.hostNetwork",
                                "<unreadable: spec.hostNetwork: expected boolean, got string \"yes\">");
                assertThat(finding(vigil, "bad", "run-as-non-root").orElseThrow())
                        .extracting(Finding::path, Finding::observed)
                        .containsExactly(
                                "spec.containers[name=api].securityContext.runAsUser",
                                "<unreadable: spec.containers[name=api].securityContext.runAsUser: expected integer, got"
                                        + " string \"root\">");
                assertThat(finding(vigil, "bad", "privileged-container")
                                .orElseThrow()
                                .observed())
                        .as("the readable fields of the bad pod are cached and judged")
                        .isEqualTo("true");
                assertThat(PromText.parse(vigil.service().metrics().scrape("text/plain"))
                                .value("vigil_decode_errors_total", Map.of("kind", "Pod")))
                        .contains(1.0);
            }
        }
    }

    private static Optional<Finding> finding(RunningVigil vigil, String pod, String check) {
        return vigil.open().stream()
                .map(TrackedFinding::finding)
                .filter(f -> f.resource().kind().equals("Pod")
                        && f.resource().name().equals(pod)
                        && f.checkId().equals(check))
                .findFirst();
    }
}
