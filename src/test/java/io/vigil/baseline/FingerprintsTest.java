package io.vigil.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.model.KubeObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
    private static Map<String, String> fields(String yaml) {
        return Fingerprints.fields(Manifests.object(yaml), io.vigil.model.Masking.unkeyed());
    }

    @Test
    void roleRulesAreASetOfSets() {
        String a = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader, namespace: shop}
                rules:
                  - {apiGroups: [""], resources: [pods, services], verbs: [list, get]}
                  - {apiGroups: [apps], resources: [deployments], verbs: [get], resourceNames: []}
                """;
        String reordered = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader, namespace: shop}
                rules:
                  - {verbs: [get], apiGroups: [apps], resources: [deployments]}
                  - {apiGroups: [""], resources: [services, pods], verbs: [get, list, get]}
                """;
        assertThat(fields(a)).isEqualTo(fields(reordered));
        assertThat(fields(a))
                .containsExactly(Map.entry(
                        "rules",
                        "[{\"apiGroups\":[\"\"],\"resources\":[\"pods\",\"services\"],\"verbs\":[\"get\",\"list\"]},"
                                + "{\"apiGroups\":[\"apps\"],\"resources\":[\"deployments\"],\"verbs\":[\"get\"]}]"));
    }

    @Test
    void anAggregatedClusterRoleIsFingerprintedByItsAggregationRuleOnly() {
        String yaml = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: monitoring}
                aggregationRule:
                  clusterRoleSelectors:
                    - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
                rules:
                  - {apiGroups: [""], resources: [pods], verbs: [get]}
                """;
        assertThat(fields(yaml)).containsOnlyKeys("aggregationRule");
    }

    @Test
    void bindingSubjectsDropDefaultsAndServiceAccountsGetTheBindingNamespace() {
        String explicit = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: b, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
                subjects:
                  - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
                  - {kind: ServiceAccount, name: api, namespace: shop}
                """;
        String defaulted = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: b, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
                subjects:
                  - {kind: ServiceAccount, name: api, apiGroup: ""}
                  - {kind: User, name: alice}
                """;
        assertThat(fields(explicit))
                .isEqualTo(fields(defaulted))
                .containsExactly(
                        Map.entry("roleRef", "{\"kind\":\"Role\",\"name\":\"reader\"}"),
                        Map.entry(
                                "subjects",
                                "[{\"kind\":\"ServiceAccount\",\"name\":\"api\",\"namespace\":\"shop\"},"
                                        + "{\"kind\":\"User\",\"name\":\"alice\"}]"));
    }

    @Test
    void networkPolicyDefaultsArePartOfTheCanonicalForm() {
        String implicit = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  podSelector: {}
                  ingress:
                    - ports: [{port: 8080}]
                """;
        String explicit = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                  policyTypes: [Ingress]
                  ingress:
                    - ports: [{port: 8080, protocol: TCP}]
                """;
        assertThat(fields(implicit))
                .isEqualTo(fields(explicit))
                .containsExactly(
                        Map.entry("spec.ingress", "[{\"ports\":[{\"port\":8080,\"protocol\":\"TCP\"}]}]"),
                        Map.entry("spec.policyTypes", "[\"Ingress\"]"));
    }

    @Test
    void namespaceLabelsAreFieldsExceptTheNameLabel() {
        KubeObject ns = Manifests.object("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels: {pod-security.kubernetes.io/enforce: restricted, team: payments}
                  annotations: {note: ignored}
                """);
        assertThat(ns.label("kubernetes.io/metadata.name"))
                .as("scan's API defaulting adds it")
                .isEqualTo("shop");
        assertThat(Fingerprints.fields(ns, io.vigil.model.Masking.unkeyed()))
                .containsExactly(
                        Map.entry("metadata.labels[pod-security.kubernetes.io/enforce]", "restricted"),
                        Map.entry("metadata.labels[team]", "payments"));
    }

    @Test
    void webhooksArePerWebhookWithDefaultsAndWithoutTheCaBundle() {
        String minimal = """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: policy}
                webhooks:
                  - name: pods.policy.example.com
                    clientConfig:
                      service: {name: policy, namespace: policy}
                      caBundle: LS0tLS1CRUdJTi1vbmU=
                    rules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
                    sideEffects: None
                    admissionReviewVersions: [v1]
                """;
        String defaulted = """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: policy}
                webhooks:
                  - name: pods.policy.example.com
                    clientConfig:
                      service: {name: policy, namespace: policy, port: 443}
                      caBundle: LS0tLS1CRUdJTi10d28=
                    rules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods], scope: "*"}
                    failurePolicy: Fail
                    matchPolicy: Equivalent
                    namespaceSelector: {}
                    objectSelector: {}
                    sideEffects: None
                    timeoutSeconds: 10
                    admissionReviewVersions: [v1]
                """;
        String p = "webhooks[name=pods.policy.example.com].";
        assertThat(fields(minimal))
                .isEqualTo(fields(defaulted))
                .containsOnlyKeys(p + "clientConfig", p + "failurePolicy", p + "matchPolicy", p + "rules");
        assertThat(fields(minimal))
                .containsEntry(p + "failurePolicy", "Fail")
                .containsEntry(
                        p + "clientConfig",
                        "{\"service\":{\"name\":\"policy\",\"namespace\":\"policy\",\"port\":443}}");
    }

    @Test
    void daprConfigurationMasksSecretLookingValues() {
        Map<String, String> f = fields("""
                apiVersion: dapr.io/v1alpha1
                kind: Configuration
                metadata: {name: appconfig, namespace: shop}
                spec:
                  mtls: {enabled: true}
                  tracing:
                    otel:
                      endpointAddress: otel:4317
                      headers: [{name: api-key, value: 9f8e7d6c5b4a39281706f5e4d3c2b1a0}]
                """);
        assertThat(f).containsEntry("spec.mtls", "{\"enabled\":true}");
        assertThat(f.get("spec.tracing"))
                .doesNotContain("9f8e7d6c5b4a39281706f5e4d3c2b1a0")
                .contains("<masked len=32>");
    }

    @Test
    void maskedValuesUseTheInstallationsKey() {
        KubeObject config = Manifests.object("""
                apiVersion: dapr.io/v1alpha1
                kind: Configuration
                metadata: {name: appconfig, namespace: shop}
                spec:
                  tracing:
                    otel:
                      headers: [{name: api-key, value: 9f8e7d6c5b4a39281706f5e4d3c2b1a0}]
                """);
        io.vigil.model.Masking key = io.vigil.model.Masking.keyed("fingerprints-test-key-0".getBytes());
        String masked = key.mask("9f8e7d6c5b4a39281706f5e4d3c2b1a0");
        assertThat(masked).matches("<masked len=32 hmac=[0-9a-f]{8}>");
        assertThat(Fingerprints.fields(config, key).get("spec.tracing")).contains(masked);
        assertThat(Fingerprints.fields(config, io.vigil.model.Masking.keyed("another-installation-key".getBytes()))
                        .get("spec.tracing"))
                .as("another installation's key gives another mask")
                .doesNotContain(masked)
                .contains("<masked len=32 hmac=");
    }

    @Test
    void longValuesAreStoredAsTheirHash() {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            rules.append("  - {apiGroups: [\"\"], resources: [resource")
                    .append(i)
                    .append("], verbs: [get]}\n");
        }
        Map<String, String> f = fields("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: big}
                rules:
                """ + rules);
        assertThat(f.get("rules")).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void captureSkipsSystemObjectsUnlessIncluded() {
        List<KubeObject> objects = Manifests.objects("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: kube-system}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: "system:controller:foo"}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: ops}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: shop}
                """);
        assertThat(Fingerprints.of(objects, AuditSettings.defaults()))
                .extracting(Fingerprint::display)
                .containsExactly("ClusterRole ops");
        assertThat(Fingerprints.of(objects, AuditSettings.defaults().withIncludeSystem(true)))
                .extracting(Fingerprint::display)
                .containsExactly("Namespace kube-system", "ClusterRole ops", "ClusterRole system:controller:foo");
    }

    @Test
    void sha256IsTheHashOfTheCanonicalFields() {
        Fingerprint f = Fingerprints.of(Manifests.object("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {team: payments}}
                """), io.vigil.model.Masking.unkeyed());
        assertThat(f.sha256()).isEqualTo(io.vigil.model.Masking.sha256Hex("{\"metadata.labels[team]\":\"payments\"}"));
    }
}
