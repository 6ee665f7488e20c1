package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.check.AuditSettings;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.RunningVigil;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An insecure Deployment (with the ReplicaSet and Pod a controller would create) opens its findings;
 * made compliant they resolve; deleted they resolve; a default-deny policy resolves the namespace finding.
 */
class WorkloadLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private EmbeddedCluster cluster;
    private KubernetesClient kube;
    private RunningVigil vigil;

    @BeforeEach
    void start() {
        cluster = EmbeddedCluster.startWithDapr();
        kube = cluster.admin();
        kube.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("shop")
                        .endMetadata()
                        .build())
                .create();
        vigil = RunningVigil.start(cluster.newClient(), RunningVigil.fastPipeline());
        await().atMost(WAIT).until(() -> vigil.service().ready());
    }

    @AfterEach
    void stop() {
        vigil.close();
        cluster.close();
    }

    @Test
    void findingsOpenChangeAndResolveWithTheWorkload() {
        Deployment api = kube.resource(insecureDeployment()).create();
        createReplicaSetAndPod(api);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(vigil.openIds())
                        .isEqualTo(FreshEvaluation.findingIds(kube, AuditSettings.defaults())));
        Set<String> deploymentChecks = checksOn("Deployment", "api");
        assertThat(deploymentChecks).contains("privileged-container", "image-latest-tag", "run-as-non-root");
        assertThat(checksOn("ReplicaSet", "api-7d9f"))
                .as("a controlled ReplicaSet is not audited")
                .isEmpty();
        assertThat(checksOn("Pod", "api-7d9f-x1"))
                .as("a controlled Pod only gets running-pod checks")
                .isSubsetOf("pss-namespace-violation", "image-vulnerable", "image-unscanned");
        assertThat(checksOn("Namespace", "shop")).contains("netpol-no-default-deny-ingress");

        kube.apps().deployments().inNamespace("shop").withName("api").edit(d -> {
            d.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getSecurityContext()
                    .setPrivileged(false);
            return d;
        });
        await().atMost(WAIT).until(() -> resolvedChecks().contains("privileged-container"));
        assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, AuditSettings.defaults()));

        kube.resource(defaultDenyIngress()).create();
        await().atMost(WAIT).until(() -> resolvedChecks().contains("netpol-no-default-deny-ingress"));
        assertThat(checksOn("Namespace", "shop")).doesNotContain("netpol-no-default-deny-ingress");

        long openBeforeDelete = vigil.open().stream()
                .filter(t -> t.finding().resource().name().equals("api")
                        && t.finding().resource().kind().equals("Deployment"))
                .count();
        assertThat(openBeforeDelete).isPositive();
        kube.apps().deployments().inNamespace("shop").withName("api").delete();
        await().atMost(WAIT).until(() -> checksOn("Deployment", "api").isEmpty());
        List<FindingEvent> resolvedOnDelete = vigil.eventsOfType(FindingEvent.Resolved.class).stream()
                .filter(e -> e.reason().equals("object deleted"))
                .toList();
        assertThat((long) resolvedOnDelete.size()).isEqualTo(openBeforeDelete);
        assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, AuditSettings.defaults()));
        assertEverySequenceIsContiguous(vigil.events());
    }

    private Set<String> checksOn(String kind, String name) {
        return vigil.open().stream()
                .map(TrackedFinding::finding)
                .filter(f ->
                        f.resource().kind().equals(kind) && f.resource().name().equals(name))
                .map(f -> f.checkId())
                .collect(Collectors.toSet());
    }

    private Set<String> resolvedChecks() {
        return vigil.eventsOfType(FindingEvent.Resolved.class).stream()
                .map(e -> e.finding().checkId())
                .collect(Collectors.toSet());
    }

    /** Per finding and open period, sequence numbers run 1, 2, 3... without gaps or repeats. */
    static void assertEverySequenceIsContiguous(List<FindingEvent> events) {
        var byPeriod = events.stream()
                .collect(Collectors.groupingBy(
                        e -> e.finding().id() + ":" + e.openedAt(),
                        Collectors.mapping(FindingEvent::sequence, Collectors.toList())));
        byPeriod.forEach((period, seqs) -> {
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("sequence of %s", period).isEqualTo(i + 1L);
            }
        });
    }

    private static Deployment insecureDeployment() {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("api")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "api")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "api")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("api")
                .withImage("shop/api:latest")
                .withNewSecurityContext()
                .withPrivileged(true)
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private void createReplicaSetAndPod(Deployment owner) {
        HasMetadata rs = kube.resource(new ReplicaSetBuilder()
                        .withNewMetadata()
                        .withName("api-7d9f")
                        .withNamespace("shop")
                        .withOwnerReferences(new OwnerReferenceBuilder()
                                .withApiVersion("apps/v1")
                                .withKind("Deployment")
                                .withName("api")
                                .withUid(owner.getMetadata().getUid())
                                .withController(true)
                                .build())
                        .endMetadata()
                        .withNewSpec()
                        .withTemplate(owner.getSpec().getTemplate())
                        .endSpec()
                        .build())
                .create();
        kube.resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("api-7d9f-x1")
                        .withNamespace("shop")
                        .withOwnerReferences(new OwnerReferenceBuilder()
                                .withApiVersion("apps/v1")
                                .withKind("ReplicaSet")
                                .withName("api-7d9f")
                                .withUid(rs.getMetadata().getUid())
                                .withController(true)
                                .build())
                        .addToLabels("app", "api")
                        .endMetadata()
                        .withSpec(owner.getSpec().getTemplate().getSpec())
                        .build())
                .create();
    }

    private static HasMetadata defaultDenyIngress() {
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName("default-deny")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .endSpec()
                .build();
    }
}
