package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Deployment, Service, NetworkPolicies and Namespace the chart renders: hardened, files not variables. */
class ChartWorkloadTest {
    private static JsonNode podSpec(Rendering r) {
        return r.get("Deployment", "vigil", "vigil")
                .path("spec")
                .path("template")
                .path("spec");
    }

    @Test
    void theNamespaceEnforcesWarnsAndAuditsRestricted() {
        JsonNode labels =
                Chart.render().get("Namespace", "", "vigil").path("metadata").path("labels");

        for (String mode : List.of("enforce", "warn", "audit")) {
            assertThat(labels.path("pod-security.kubernetes.io/" + mode).asText())
                    .isEqualTo("restricted");
            assertThat(labels.path("pod-security.kubernetes.io/" + mode + "-version")
                            .asText())
                    .isEqualTo("latest");
        }
    }

    @Test
    void thePodRunsRestrictedWithAReadOnlyRootAndAnEmptyDirDataDirectory() {
        JsonNode pod = podSpec(Chart.render());
        JsonNode container = PodFiles.container(Chart.render().get("Deployment", "vigil", "vigil"));

        assertThat(pod.path("securityContext").toString())
                .isEqualTo("{\"runAsNonRoot\":true,\"runAsUser\":65532,\"runAsGroup\":65532,\"fsGroup\":65532,"
                        + "\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}");
        assertThat(container.path("securityContext").toString())
                .isEqualTo("{\"allowPrivilegeEscalation\":false,\"privileged\":false,\"readOnlyRootFilesystem\":true,"
                        + "\"runAsNonRoot\":true,\"capabilities\":{\"drop\":[\"ALL\"]}}");
        assertThat(volume(pod, "data").path("emptyDir").path("sizeLimit").asText())
                .isEqualTo("1Gi");
        assertThat(container.has("env") || container.has("envFrom")).isFalse();
        assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
    }

    @Test
    void theApiTokenComesOnlyFromTheExplicitProjectedVolume() {
        Rendering r = Chart.render();
        JsonNode pod = podSpec(r);
        JsonNode sources = volume(pod, "kube-api-access").path("projected").path("sources");

        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(r.get("ServiceAccount", "vigil", "vigil")
                        .path("automountServiceAccountToken")
                        .asBoolean(true))
                .isFalse();
        assertThat(sources.get(0).path("serviceAccountToken").path("path").asText())
                .isEqualTo("token");
        assertThat(sources.get(1).path("configMap").toString())
                .isEqualTo("{\"name\":\"kube-root-ca.crt\",\"items\":[{\"key\":\"ca.crt\",\"path\":\"ca.crt\"}]}");
        assertThat(sources.get(2).path("downwardAPI").toString())
                .isEqualTo("{\"items\":[{\"path\":\"namespace\",\"fieldRef\":{\"apiVersion\":\"v1\","
                        + "\"fieldPath\":\"metadata.namespace\"}}]}");
        assertThat(mounts(PodFiles.container(r.get("Deployment", "vigil", "vigil"))))
                .containsEntry("kube-api-access", "/var/run/secrets/kubernetes.io/serviceaccount");
    }

    @Test
    void everySecretIsAFileMountAndNeverAnEnvironmentVariable() {
        Rendering r = Chart.render(Chart.DIR.resolve("values-kafka-sasl.yaml"));
        JsonNode deployment = r.get("Deployment", "vigil", "vigil");

        assertThat(PodFiles.secretMounts(deployment).keySet())
                .containsExactly(
                        "/var/run/secrets/vigil/mask-key",
                        "/var/run/secrets/vigil/api",
                        "/var/run/secrets/vigil/kafka-ca",
                        "/var/run/secrets/vigil/kafka-sasl");
        assertThat(r.text()).doesNotContain("secretKeyRef", "envFrom", "kind: Secret");
        PodFiles.secretMounts(deployment)
                .values()
                .forEach(s -> assertThat(s.path("defaultMode").asInt()).isEqualTo(0440));
    }

    @Test
    void theImageIsPinnedByDigestAndTheProbesAskVigil() {
        JsonNode container = PodFiles.container(Chart.render().get("Deployment", "vigil", "vigil"));

        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/vigil/vigil:0.1.0@sha256:" + "0".repeat(64));
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/readyz");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/healthz");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
                .isEqualTo("/healthz");
        assertThat(container.path("resources").toString())
                .isEqualTo("{\"limits\":{\"cpu\":\"2\",\"memory\":\"768Mi\"},"
                        + "\"requests\":{\"cpu\":\"500m\",\"memory\":\"768Mi\"}}");
    }

    @Test
    void singleModeRecreatesOneReplicaAndHaSpreadsTwoWithABudget() {
        Rendering single = Chart.render();
        Rendering ha = Chart.render(Chart.DIR.resolve("values-ha.yaml"));
        JsonNode haSpec = ha.get("Deployment", "vigil", "vigil").path("spec");

        assertThat(single.get("Deployment", "vigil", "vigil")
                        .path("spec")
                        .path("strategy")
                        .path("type")
                        .asText())
                .isEqualTo("Recreate");
        assertThat(single.ofKind("PodDisruptionBudget")).isEmpty();
        assertThat(podSpec(single).has("affinity")).isFalse();
        assertThat(haSpec.path("replicas").asInt()).isEqualTo(2);
        assertThat(haSpec.path("strategy").toString())
                .isEqualTo("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":1,\"maxUnavailable\":0}}");
        assertThat(podSpec(ha).path("affinity").toString())
                .isEqualTo("{\"podAntiAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":[{"
                        + "\"topologyKey\":\"kubernetes.io/hostname\",\"labelSelector\":{\"matchLabels\":{"
                        + "\"app.kubernetes.io/name\":\"vigil\",\"app.kubernetes.io/instance\":\"vigil\"}}}]}}");
        assertThat(ha.get("PodDisruptionBudget", "vigil", "vigil").path("spec").toString())
                .isEqualTo("{\"minAvailable\":1,\"selector\":{\"matchLabels\":{"
                        + "\"app.kubernetes.io/name\":\"vigil\",\"app.kubernetes.io/instance\":\"vigil\"}}}");
    }

    @Test
    void networkPoliciesDenyByDefaultAndAllowOnlyDnsTheApiServerKafkaAndTheScraper() {
        Rendering r = Chart.render(Chart.DIR.resolve("values-kafka-sasl.yaml"));
        JsonNode deny = r.get("NetworkPolicy", "vigil", "default-deny").path("spec");
        JsonNode egress =
                r.get("NetworkPolicy", "vigil", "vigil-egress").path("spec").path("egress");
        JsonNode ingress =
                r.get("NetworkPolicy", "vigil", "vigil-ingress").path("spec").path("ingress");

        assertThat(deny.toString()).isEqualTo("{\"podSelector\":{},\"policyTypes\":[\"Ingress\",\"Egress\"]}");
        assertThat(r.ofKind("NetworkPolicy")).hasSize(3);
        assertThat(egress).hasSize(3);
        assertThat(egress.get(0).path("ports").toString())
                .isEqualTo("[{\"protocol\":\"UDP\",\"port\":53},{\"protocol\":\"TCP\",\"port\":53}]");
        assertThat(egress.get(1).path("ports").toString())
                .isEqualTo("[{\"protocol\":\"TCP\",\"port\":443},{\"protocol\":\"TCP\",\"port\":6443}]");
        assertThat(egress.get(2).path("ports").toString()).isEqualTo("[{\"protocol\":\"TCP\",\"port\":9093}]");
        assertThat(ingress.toString())
                .isEqualTo("[{\"from\":[{\"namespaceSelector\":{\"matchLabels\":{"
                        + "\"kubernetes.io/metadata.name\":\"monitoring\"}}}],"
                        + "\"ports\":[{\"protocol\":\"TCP\",\"port\":8080}]}]");
        assertThat(Chart.render()
                        .get("NetworkPolicy", "vigil", "vigil-egress")
                        .path("spec")
                        .path("egress"))
                .as("no Kafka rule without Kafka")
                .hasSize(2);
    }

    @Test
    void aChangedConfigurationChangesThePodTemplateSoHelmRollsThePods() {
        String single = podAnnotation(Chart.render());
        String ha = podAnnotation(Chart.render(Chart.DIR.resolve("values-ha.yaml")));

        assertThat(single).matches("[a-f0-9]{64}");
        assertThat(ha).matches("[a-f0-9]{64}").isNotEqualTo(single);
        assertThat(podAnnotation(Chart.render(Map.of("log.level", "debug")))).isNotEqualTo(single);
    }

    private static String podAnnotation(Rendering r) {
        return r.get("Deployment", "vigil", "vigil")
                .path("spec")
                .path("template")
                .path("metadata")
                .path("annotations")
                .path(Rendering.CONFIG_CHECKSUM)
                .asText();
    }

    @Test
    void theServiceExposesOnlyTheHttpPort() {
        JsonNode spec = Chart.render().get("Service", "vigil", "vigil").path("spec");

        assertThat(spec.path("type").asText()).isEqualTo("ClusterIP");
        assertThat(spec.path("ports").toString())
                .isEqualTo("[{\"name\":\"http\",\"port\":8080,\"targetPort\":\"http\",\"protocol\":\"TCP\"}]");
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static Map<String, String> mounts(JsonNode container) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        container
                .path("volumeMounts")
                .forEach(m ->
                        out.put(m.path("name").asText(), m.path("mountPath").asText()));
        return out;
    }
}
