package io.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.Violation;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.checks.images.ImageLatestTag;
import io.vigil.checks.podsecurity.PrivilegedContainer;
import io.vigil.checks.podsecurity.ReadOnlyRootFilesystem;
import io.vigil.checks.secrets.SecretEnvVar;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScannedObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one pod-spec base: the same de-duplication (first violation per path) for per-container and whole-pod
 * checks, on a Pod and on a workload template, through the checks' real {@code evaluate}.
 */
class PodSpecCheckTest {
    private static final String TWINS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop}
            spec:
              containers:
                - name: api
                  image: nginx
                  securityContext: {privileged: true}
                - name: api
                  image: nginx:latest
                  securityContext: {privileged: true}
            """;

    @Test
    void aPerContainerCheckKeepsTheFirstViolationOfTwoContainersWithOneName() {
        assertThat(evaluate(new ImageLatestTag(), TWINS))
                .extracting(Violation::path, Violation::observed)
                .containsExactly(tuple("spec.containers[name=api].image", "nginx"));
    }

    @Test
    void aWholePodCheckDeduplicatesTheSameWay() {
        assertThat(evaluate(new PrivilegedContainer(), TWINS))
                .extracting(Violation::path)
                .containsExactly("spec.containers[name=api].securityContext.privileged");
    }

    @Test
    void aSecretReferencedTwiceUnderOneVariableNameIsOneFinding() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: shop}
                spec:
                  containers:
                    - name: api
                      image: api:1
                      env:
                        - {name: DB, valueFrom: {secretKeyRef: {name: db, key: password}}}
                        - {name: DB, valueFrom: {secretKeyRef: {name: other, key: password}}}
                """;
        assertThat(evaluate(new SecretEnvVar(), pod))
                .extracting(Violation::path, Violation::observed)
                .containsExactly(tuple(
                        "spec.containers[name=api].env[name=DB].valueFrom.secretKeyRef", "secret db, key password"));
    }

    @Test
    void aWorkloadTemplateIsJudgedAtItsOwnPaths() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, namespace: shop}
                spec:
                  template:
                    spec:
                      containers:
                        - {name: api, image: nginx}
                """;
        assertThat(evaluate(new ImageLatestTag(), deployment))
                .extracting(Violation::path)
                .containsExactly("spec.template.spec.containers[name=api].image");
    }

    @Test
    void anExemptPodSpecAndAnObjectWithoutOneYieldNothing() {
        String windows = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: shop}
                spec:
                  os: {name: windows}
                  containers:
                    - {name: api, image: api:1}
                """;
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: shop}
                data: {image: nginx}
                """;
        assertThat(evaluate(new ReadOnlyRootFilesystem(), windows)).isEmpty();
        assertThat(evaluate(new ImageLatestTag(), configMap)).isEmpty();
    }

    @Test
    void everyBuiltInCheckOfWorkloadsExtendsTheOneBaseButTheNamedExceptions() {
        // Not pod-spec judgements: the namespace field, the API server's flags, a verdict of the PSS checks.
        Set<String> notPodSpecChecks = Set.of(
                "default-namespace",
                "apiserver-anonymous-auth",
                "apiserver-audit-log-disabled",
                "apiserver-encryption-at-rest-disabled",
                "pss-namespace-violation");
        List<String> workloadChecks = BuiltInChecks.catalog().all().stream()
                .filter(c -> c.descriptor().subjectKinds().stream().anyMatch(Kinds.POD_SPEC_KINDS::contains))
                .map(c -> c.descriptor().id())
                .filter(id -> !notPodSpecChecks.contains(id))
                .toList();
        assertThat(workloadChecks).hasSizeGreaterThanOrEqualTo(31);
        assertThat(BuiltInChecks.catalog().all())
                .filteredOn(c -> workloadChecks.contains(c.descriptor().id()))
                .allSatisfy(c -> assertThat(c).as(c.descriptor().id()).isInstanceOf(PodSpecCheck.class));
    }

    private static List<Violation> evaluate(Check check, String yaml) {
        List<ScannedObject> objects = new ManifestReader("default")
                .readBytes("inline.yaml", yaml.getBytes(StandardCharsets.UTF_8))
                .result()
                .objects();
        assertThat(objects).hasSize(1);
        KubeObject subject = objects.get(0).object();
        return check.evaluate(subject, new ManifestClusterView(List.of(subject), AuditSettings.defaults()));
    }
}
