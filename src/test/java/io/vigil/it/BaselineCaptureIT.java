package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineDriftCheck;
import io.vigil.baseline.BaselineLoader;
import io.vigil.baseline.Fingerprint;
import io.vigil.baseline.Fingerprints;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.cli.VigilCommand;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import io.vigil.source.ClusterSnapshot;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.ShopManifests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil baseline capture --kubeconfig} against the in-process API server: the baseline holds exactly
 * the findings a fresh evaluation of the cluster yields and the fingerprints of its objects; it equals a
 * capture of the same manifests (a baseline from manifests matches the live cluster of the same name); a
 * change in the cluster is drift against it.
 */
class BaselineCaptureIT {
    private static final String MANIFESTS = ShopManifests.join("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {pod-security.kubernetes.io/enforce: baseline, team: payments}

---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress]

---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: ops}
            rules:
              - apiGroups: [""]
                resources: [pods, services]
                verbs: [get, list, watch]

---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops-admins}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
            subjects:
              - {kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}

---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: policy}
            webhooks:
              - name: pods.policy.example.com
                clientConfig: {service: {name: policy, namespace: policy, port: 443}, caBundle: Y2E=}
                rules:
                  - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods], scope: "*"}
                failurePolicy: Fail
                sideEffects: None
                admissionReviewVersions: [v1]

---
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata: {name: appconfig, namespace: shop}
            spec:
              mtls: {enabled: true}

            """, ShopManifests.API_DEPLOYMENT);

    @TempDir
    Path dir;

    EmbeddedCluster cluster;
    KubernetesClient kube;
    Path kubeconfig;

    @BeforeEach
    void start() throws IOException {
        cluster = EmbeddedCluster.startWithDapr();
        kube = cluster.admin();
        cluster.apply(new ByteArrayInputStream(MANIFESTS.getBytes(StandardCharsets.UTF_8)));
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: auditor, user: {token: not-checked}}]
                contexts: [{name: audit, context: {cluster: mock, user: auditor}}]
                current-context: audit
                """.formatted(cluster.url()));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    record Run(int exit, String out, String err) {}

    private static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Baseline capture(String name) {
        Path file = dir.resolve(name);
        Run run = vigil(
                "baseline",
                "capture",
                "--kubeconfig",
                kubeconfig.toString(),
                "--context",
                "audit",
                "-o",
                file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        BaselineLoader.Result loaded = BaselineLoader.load(file);
        assertThat(loaded.problems()).isEmpty();
        return loaded.baseline().orElseThrow();
    }

    @Test
    void aLiveCaptureHoldsTheClustersFindingsAndFingerprints() {
        Baseline live = capture("live.yaml");
        AuditSettings settings = AuditSettings.defaults();
        assertThat(live.metadata().source()).isEqualTo("cluster " + cluster.url() + " (context audit)");
        assertThat(live.metadata().cluster()).isEqualTo("default");
        assertThat(ids(live))
                .isEqualTo(FreshEvaluation.findingIds(kube, settings))
                .isNotEmpty();
        assertThat(live.fingerprints())
                .extracting(Fingerprint::display)
                .containsExactly(
                        "Namespace shop",
                        "ClusterRole ops",
                        "ClusterRoleBinding ops-admins",
                        "NetworkPolicy shop/default-deny",
                        "ValidatingWebhookConfiguration policy",
                        "Configuration shop/appconfig");

        Path manifests = dir.resolve("k8s.yaml");
        try {
            Files.writeString(manifests, MANIFESTS);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Run run = vigil(
                "baseline",
                "capture",
                manifests.toString(),
                "-o",
                dir.resolve("manifests.yaml").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Baseline fromManifests =
                BaselineLoader.load(dir.resolve("manifests.yaml")).baseline().orElseThrow();
        assertThat(fromManifests.fingerprints())
                .as("manifests and the objects the API server stores fingerprint alike")
                .isEqualTo(live.fingerprints());
        assertThat(ids(fromManifests)).isEqualTo(ids(live));
    }

    @Test
    void aChangeInTheClusterIsDriftAgainstTheLiveBaselineAndShowsInTheDiff() {
        Baseline before = capture("before.yaml");
        assertThat(drift(before)).isEmpty();

        kube.rbac().clusterRoleBindings().withName("ops-admins").edit(b -> {
            b.getSubjects()
                    .add(new SubjectBuilder()
                            .withKind("User")
                            .withName("mallory")
                            .withApiGroup("rbac.authorization.k8s.io")
                            .build());
            return b;
        });
        kube.network()
                .v1()
                .networkPolicies()
                .inNamespace("shop")
                .withName("default-deny")
                .delete();
        assertThat(drift(before))
                .containsExactly(
                        "ClusterRoleBinding ops-admins: ClusterRoleBinding ops-admins differs from the baseline:"
                                + " subjects: +{\"kind\":\"User\",\"name\":\"mallory\"}",
                        "NetworkPolicy shop/default-deny: NetworkPolicy shop/default-deny was deleted since the baseline was"
                                + " captured");

        capture("after.yaml");
        Run diff = vigil(
                "baseline",
                "diff",
                dir.resolve("before.yaml").toString(),
                dir.resolve("after.yaml").toString());
        assertThat(diff.exit()).isEqualTo(1);
        assertThat(diff.out())
                .contains("  - NetworkPolicy shop/default-deny\n"
                        + "  ~ ClusterRoleBinding ops-admins: subjects\n"
                        + "      subjects: +{\"kind\":\"User\",\"name\":\"mallory\"}\n");
    }

    @Test
    void anUnreachableClusterWritesNothing() {
        cluster.close();
        Path file = dir.resolve("none.yaml");
        Run run = vigil("baseline", "capture", "--kubeconfig", kubeconfig.toString(), "-o", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("vigil: cannot reach " + cluster.url() + " (context audit): ")
                .endsWith("; no baseline written\n");
        assertThat(file).doesNotExist();
        cluster = EmbeddedCluster.startWithDapr();
    }

    /** baseline-drift over a fresh LIST: {@code <object>: <message>} for each finding, sorted. */
    private List<String> drift(Baseline baseline) {
        AuditSettings settings = AuditSettings.defaults();
        List<KubeObject> objects = ClusterSnapshot.list(kube);
        ManifestClusterView view = new ManifestClusterView(objects, settings);
        BaselineDriftCheck check = new BaselineDriftCheck(baseline);
        Evaluator evaluator = new Evaluator(List.of(check), settings);
        List<Finding> findings = new ArrayList<>();
        objects.forEach(o -> findings.addAll(evaluator.evaluate(o, view).findings()));
        findings.addAll(check.deletions(view, Fingerprints::covers));
        return findings.stream()
                .map(f -> f.resource().display() + ": " + f.message())
                .sorted()
                .toList();
    }

    private static Set<String> ids(Baseline b) {
        return b.findings().stream().map(Baseline.AcceptedFinding::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
