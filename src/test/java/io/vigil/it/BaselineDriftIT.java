package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineCapture;
import io.vigil.baseline.BaselineCodec;
import io.vigil.check.AuditSettings;
import io.vigil.demo.DemoScenario;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.format.FindingJson;
import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import io.vigil.source.ClusterSnapshot;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.RunningVigil;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audited baseline of the demo cluster, then drift: a new violation is tagged drift; a changed
 * ClusterRoleBinding that has no other finding becomes a baseline-drift finding naming the changed field;
 * reverting it resolves that finding.
 */
class BaselineDriftIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void driftIsTaggedAndFingerprintedObjectsDriftAndRecover() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            KubernetesClient kube = cluster.admin();
            DemoScenario.seed(cluster);
            kube.resource(new ClusterRoleBuilder()
                            .withNewMetadata()
                            .withName("node-reader")
                            .endMetadata()
                            .addNewRule()
                            .withApiGroups("")
                            .withResources("nodes")
                            .withVerbs("get", "list")
                            .endRule()
                            .build())
                    .create();
            kube.resource(binding("monitoring")).create();
            Path baselineFile = dir.resolve("baseline.yaml");
            Baseline baseline = BaselineCapture.capture(
                    ClusterSnapshot.list(kube),
                    FreshEvaluation.findings(kube, AuditSettings.defaults()),
                    AuditSettings.defaults(),
                    BaselineCapture.metadata(
                            AuditSettings.defaults(), java.time.Instant.now(), "BaselineDriftIT", "cluster"));
            Files.writeString(baselineFile, BaselineCodec.yaml(baseline));

            try (RunningVigil vigil = RunningVigil.startGoverned(
                    cluster.newClient(),
                    Optional.of(baselineFile),
                    Optional.empty(),
                    Clock.systemUTC(),
                    dir.resolve("data"))) {
                await().atMost(WAIT)
                        .until(() -> vigil.service().ready()
                                && vigil.service().governance().baseline().isPresent());
                await().atMost(WAIT).untilAsserted(() -> {
                    List<TrackedFinding> open = vigil.open();
                    assertThat(open)
                            .isNotEmpty()
                            .allMatch(t -> t.status().baselined() && !t.status().drift());
                });
                assertThat(checksOn(vigil, "ClusterRoleBinding", "read-nodes")).isEmpty();

                kube.resource(new PodBuilder()
                                .withNewMetadata()
                                .withName("debug")
                                .withNamespace("task-api")
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("sh")
                                .withImage("busybox:1.36")
                                .withNewSecurityContext()
                                .withPrivileged(true)
                                .endSecurityContext()
                                .endContainer()
                                .endSpec()
                                .build())
                        .create();
                await().atMost(WAIT).until(() -> checksOn(vigil, "Pod", "debug").contains("privileged-container"));
                assertThat(vigil.open().stream()
                                .filter(t -> t.finding().resource().name().equals("debug")))
                        .allMatch(t -> t.status().drift() && !t.status().baselined());

                kube.resource(binding("intruders")).update();
                await().atMost(WAIT)
                        .until(() -> checksOn(vigil, "ClusterRoleBinding", "read-nodes")
                                .equals(Set.of("baseline-drift")));
                TrackedFinding drift = vigil.open().stream()
                        .filter(t -> t.finding().checkId().equals("baseline-drift"))
                        .findFirst()
                        .orElseThrow();
                assertThat(drift.finding().path()).isEqualTo("metadata");
                assertThat(drift.finding().observed()).contains("subjects").contains("intruders");
                assertThat(drift.finding().expected()).contains("monitoring");
                assertThat(drift.status().drift()).isTrue();

                JsonNode onlyDrift = get(vigil, "/api/v1/findings?drift=true&limit=5000");
                Set<String> expectedDrift = vigil.open().stream()
                        .filter(t -> t.status().drift())
                        .map(t -> t.finding().id())
                        .collect(Collectors.toSet());
                assertThat(ids(onlyDrift))
                        .isEqualTo(expectedDrift)
                        .contains(drift.finding().id());
                assertThat(get(vigil, "/api/v1/baseline").path("digest").asText())
                        .isEqualTo(baseline.digest());
                assertThat(vigil.service().metrics().scrape("text/plain"))
                        .contains("vigil_baseline_info{digest=\"" + baseline.digest() + "\"} 1\n")
                        .contains("vigil_drift_findings{severity=\"high\"}");

                kube.resource(binding("monitoring")).update();
                await().atMost(WAIT)
                        .until(() -> checksOn(vigil, "ClusterRoleBinding", "read-nodes")
                                .isEmpty());
                assertThat(vigil.eventsOfType(FindingEvent.Resolved.class))
                        .anyMatch(e -> e.finding().id().equals(drift.finding().id()));
            }
        }
    }

    private static io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding binding(String group) {
        return new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("read-nodes")
                .endMetadata()
                .addNewSubject()
                .withKind("Group")
                .withName(group)
                .withApiGroup("rbac.authorization.k8s.io")
                .endSubject()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("node-reader")
                .endRoleRef()
                .build();
    }

    private static Set<String> checksOn(RunningVigil vigil, String kind, String name) {
        return vigil.open().stream()
                .map(TrackedFinding::finding)
                .filter(f ->
                        f.resource().kind().equals(kind) && f.resource().name().equals(name))
                .map(f -> f.checkId())
                .collect(Collectors.toSet());
    }

    private static JsonNode get(RunningVigil vigil, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(vigil.baseUrl() + path))
                                .header("authorization", "Bearer " + RunningVigil.TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return FindingJson.MAPPER.readTree(r.body());
    }

    private static Set<String> ids(JsonNode page) {
        Set<String> out = new java.util.TreeSet<>();
        page.path("findings").forEach(f -> out.add(f.path("id").asText()));
        return out;
    }
}
