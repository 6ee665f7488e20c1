package io.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Objects the API server would reject are input errors naming file, line and field, and are still audited
 * through the same reader and scanner {@code vigil scan} uses.
 */
class AdmissionTest {
    private static ScanReport scan(String text) {
        ScanInput input = new ManifestReader("default")
                .readBytes("m.yaml", text.getBytes(StandardCharsets.UTF_8))
                .result();
        return new Scanner(BuiltInChecks.catalog(), AuditSettings.defaults()).scan(input, Instant.EPOCH);
    }

    private static List<String> errors(ScanReport report) {
        return report.errors().stream().map(InputError::toString).toList();
    }

    private static List<String> findings(ScanReport report) {
        return report.findings().stream()
                .map(f -> f.checkId() + " " + f.resource().kind() + "/"
                        + f.resource().name())
                .distinct()
                .sorted()
                .toList();
    }

    @ParameterizedTest
    @CsvSource({
        "apps/v1, Deployment, spec.template",
        "apps/v1, StatefulSet, spec.template",
        "apps/v1, DaemonSet, spec.template",
        "apps/v1, ReplicaSet, spec.template",
        "batch/v1, Job, spec.template",
        "batch/v1, CronJob, spec.jobTemplate.spec.template",
        "v1, ReplicationController, spec.template"
    })
    void aWorkloadWithoutAPodTemplateIsReportedAtItsSpecAndStillAudited(String apiVersion, String kind, String field) {
        ScanReport report = scan("apiVersion: " + apiVersion + "\nkind: " + kind + "\n"
                + "metadata: {name: web, namespace: shop}\n"
                + "spec:\n"
                + "  replicas: 2\n");
        assertThat(errors(report))
                .containsExactly("m.yaml:4: " + kind + " \"web\" is invalid: " + field + ": Required value");
        assertThat(report.objects()).isEqualTo(1);
        assertThat(findings(report))
                .containsExactly(
                        "default-service-account " + kind + "/web",
                        "netpol-workload-unselected " + kind + "/web",
                        "sa-token-automount " + kind + "/web");
    }

    @Test
    void aTemplateContainerWithoutAnImageIsReportedAtTheContainerAndTheOthersFindingsStay() {
        ScanReport report = scan("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      containers:
                        - name: ok
                          image: nginx:1.25.3
                        - name: patched-later
                          securityContext: {privileged: true}
                """);
        assertThat(errors(report))
                .containsExactly("m.yaml:10: Deployment \"web\" is invalid:"
                        + " spec.template.spec.containers[1].image: Required value (container \"patched-later\")");
        assertThat(findings(report)).contains("privileged-container Deployment/web");
    }

    @Test
    void aPodContainerOrInitContainerWithAnEmptyImageIsReported() {
        ScanReport report = scan("""
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: shop}
                spec:
                  initContainers:
                    - name: migrate
                  containers:
                    - name: api
                      image: ""
                      securityContext: {privileged: true}
                """);
        assertThat(errors(report))
                .containsExactly(
                        "m.yaml:6: Pod \"api\" is invalid: spec.initContainers[0].image: Required value"
                                + " (container \"migrate\")",
                        "m.yaml:8: Pod \"api\" is invalid: spec.containers[0].image: Required value"
                                + " (container \"api\")");
        assertThat(findings(report)).contains("privileged-container Pod/api");
    }

    @Test
    void aPodWithAnEmptyContainerListIsReportedAtTheListAndStillAudited() {
        ScanReport report = scan("""
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: shop}
                spec:
                  hostNetwork: true
                  containers: []
                """);
        assertThat(errors(report)).containsExactly("m.yaml:6: Pod \"api\" is invalid: spec.containers: Required value");
        assertThat(findings(report)).contains("host-namespaces Pod/api");
    }

    @Test
    void aTemplateWithoutContainersIsReportedAtTheTemplate() {
        ScanReport report = scan("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: shop}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: nightly}}
                """);
        assertThat(errors(report))
                .containsExactly("m.yaml:8: CronJob \"nightly\" is invalid:"
                        + " spec.jobTemplate.spec.template.spec.containers: Required value");
        assertThat(findings(report)).contains("netpol-workload-unselected CronJob/nightly");
    }

    @Test
    void oddShapesAreReportedAndNoCheckThrowsOnThem() {
        ScanReport report = scan("""
                apiVersion: v1
                kind: Pod
                metadata: {name: odd, namespace: kube-system, labels: {component: kube-apiserver}}
                spec:
                  containers: "none"
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: odder, namespace: shop}
                spec:
                  initContainers: "not-a-list"
                  containers:
                    - name: object-image
                      image: {repo: nginx}
                    - image: nginx:1.25.3
                """);
        assertThat(errors(report))
                .containsExactly(
                        "m.yaml:5: Pod \"odd\" is invalid: spec.containers: must be a list of containers",
                        "m.yaml:11: Pod \"odder\" is invalid: spec.initContainers: must be a list of containers",
                        "m.yaml:14: Pod \"odder\" is invalid: spec.containers[0].image: must be a string"
                                + " (container \"object-image\")");
        assertThat(report.failures()).isEmpty();
        assertThat(report.objects()).isEqualTo(2);
        assertThat(findings(report))
                .filteredOn(f -> f.startsWith("image-"))
                .containsExactly("image-not-digest-pinned Pod/odder");
    }

    @Test
    void listItemsAreReportedAtTheirOwnLines() {
        ScanReport report = scan("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: ok, namespace: shop}
                    spec:
                      template:
                        spec:
                          containers: [{name: ok, image: nginx:1.25.3}]
                  - apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: db, namespace: shop}
                    spec: {serviceName: db}
                """);
        assertThat(errors(report))
                .containsExactly("m.yaml:14: StatefulSet \"db\" is invalid: spec.template: Required value");
        assertThat(report.objects()).isEqualTo(2);
    }

    @Test
    void aFieldOfTheWrongTypeIsAnInputErrorAndTheChecksThatReadItReportItAsUnreadable() {
        ScanReport report = scan("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      hostNetwork: "yes"
                      containers:
                        - name: web
                          image: shop/web:1.0
                          securityContext: {runAsUser: "root"}
                """);

        assertThat(errors(report))
                .containsExactly(
                        "m.yaml:7: Deployment \"web\" is invalid: spec.template.spec.hostNetwork: expected boolean, got"
                                + " string \"yes\"",
                        "m.yaml:11: Deployment \"web\" is invalid: spec.template.spec.containers[0].securityContext"
                                + ".runAsUser: expected integer, got string \"root\"");
        assertThat(report.findings().stream()
                        .filter(f -> f.observed().startsWith("<unreadable"))
                        .map(f -> f.checkId() + " " + f.path() + " " + f.observed())
                        .toList())
                .containsExactly(
                        "host-namespaces spec.template.spec.hostNetwork <unreadable: spec.template.spec.hostNetwork:"
                                + " expected boolean, got string \"yes\">",
                        "run-as-non-root spec.template.spec.containers[name=web].securityContext.runAsUser"
                                + " <unreadable: spec.template.spec.containers[name=web].securityContext.runAsUser:"
                                + " expected integer, got string \"root\">");
    }
}
