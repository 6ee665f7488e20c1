package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.TrackedFinding;
import io.vigil.policy.ExceptionEntry;
import io.vigil.policy.ExceptionScope;
import io.vigil.policy.ExceptionSet;
import io.vigil.policy.Glob;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecklistReportTest {
    /** Manifests only (no Pods): the image-scan checks judge the Deployment's template. */
    private static final String WEB_DEPLOYMENT = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: web}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: ghcr.io/acme/web@sha256:4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2
                        - name: proxy
                          image: ghcr.io/acme/proxy@sha256:5f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2
                ---
                """;

    static ChecklistReport taskApi(ExceptionSet exceptions) {
        return ChecklistReport.build(TaskApi.input(exceptions), BuiltInChecks.catalog(), 5);
    }

    @Test
    void theInsecureNamespaceFailsAndTheHardenedOnePassesEveryPointThatAppliesButScanningWithoutReports() {
        ChecklistReport report = taskApi(ExceptionSet.empty());
        assertThat(report.namespaces())
                .extracting(ChecklistReport.Row::namespace)
                .containsExactly("task-api", "task-api-dev");
        ChecklistReport.Row dev = report.namespace("task-api-dev").orElseThrow();
        ChecklistReport.Row prod = report.namespace("task-api").orElseThrow();
        assertThat(ChecklistReport.statuses(dev)).isEqualTo("FAIL FAIL FAIL FAIL FAIL FAIL FAIL FAIL FAIL —");
        assertThat(dev.overall()).isEqualTo(Status.FAIL);
        // pinned and trusted, but the example carries no VulnerabilityReport: point 8 has no scan evidence
        assertThat(ChecklistReport.statuses(prod)).isEqualTo("PASS PASS PASS PASS PASS PASS PASS NO EVIDENCE PASS —");
        assertThat(prod.overall()).isEqualTo(Status.NO_EVIDENCE);
        assertThat(ChecklistReport.statuses(report.cluster())).isEqualTo("— — FAIL — — — — — — N/A");
    }

    @Test
    void cellsHoldTheFindingsOfTheirChecksInTheirNamespaceAndClusterRbacCountsWhereItIsGranted() {
        List<Finding> scan = TaskApi.scanFindings();
        ChecklistReport report = taskApi(ExceptionSet.empty());
        ChecklistReport.Row dev = report.namespace("task-api-dev").orElseThrow();
        for (ChecklistPoint p : ChecklistPoint.values()) {
            if (!p.perNamespace()) {
                continue;
            }
            long expected = scan.stream()
                    .filter(f -> p.checks().contains(f.checkId()))
                    .filter(f -> "task-api-dev".equals(f.resource().namespace())
                            || f.resource().kind().equals("Namespace")
                                    && f.resource().name().equals("task-api-dev")
                            || f.resource().kind().startsWith("Cluster"))
                    .count();
            assertThat(dev.cell(p).orElseThrow().counts()).as(p.name()).isEqualTo(new Counts((int) expected, 0, 0));
        }
        long clusterRbac = scan.stream()
                .filter(f -> f.checkId().startsWith("rbac-") && f.resource().namespace() == null)
                .count();
        assertThat(report.cluster().cell(ChecklistPoint.RBAC).orElseThrow().counts())
                .isEqualTo(new Counts((int) clusterRbac, 0, 0));
        assertThat(dev.cell(ChecklistPoint.RBAC).orElseThrow().notes())
                .containsExactly(
                        "includes cluster-scoped RBAC "
                                + "granted to this namespace: ClusterRole task-api-dev-operator, ClusterRoleBinding task-api-dev-operator");
        assertThat(report.namespace("task-api")
                        .orElseThrow()
                        .cell(ChecklistPoint.IMAGES)
                        .orElseThrow()
                        .notes())
                .containsExactly(
                        "no vulnerability scan evidence: no Trivy Operator VulnerabilityReports in the input",
                        "no vulnerability report for running image(s): ghcr.io/acme/task-api:1.4.2@sha256:"
                                + "4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2");
        assertThat(report.cluster()
                        .cell(ChecklistPoint.CONTROL_PLANE)
                        .orElseThrow()
                        .notes())
                .containsExactly("no kube-apiserver pod visible (managed control plane, or not in the input)");
    }

    @Test
    void aPointWithNothingToAssessIsNotApplicableNeverPass() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: tools}
                data: {LOG_LEVEL: info}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      serviceAccountName: web
                      automountServiceAccountToken: false
                      securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
                      containers:
                        - name: web
                          image: nginx@sha256:4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2
                          securityContext:
                            allowPrivilegeEscalation: false
                            readOnlyRootFilesystem: true
                            capabilities: {drop: [ALL]}
                          resources:
                            limits: {cpu: 100m, memory: 64Mi}
                            requests: {cpu: 100m, memory: 64Mi}
                """;
        ChecklistReport report = checklistOf(yaml);
        assertThat(ChecklistReport.statuses(report.namespace("tools").orElseThrow()))
                .isEqualTo("N/A N/A N/A N/A PASS N/A N/A N/A N/A —");
        // the Deployment: no Namespace object (1 N/A), no policies (4 FAIL: unselected), no Dapr (9 N/A)
        assertThat(ChecklistReport.statuses(report.namespace("web").orElseThrow()))
                .isEqualTo("N/A PASS N/A FAIL PASS PASS PASS NO EVIDENCE N/A —");
        assertThat(report.namespace("tools").orElseThrow().overall()).isEqualTo(Status.PASS);
        assertThat(ChecklistReport.statuses(report.cluster())).isEqualTo("— — N/A — — — — — — N/A");
    }

    @Test
    void imagesPassOnlyWhenEveryRunningImageHasAReportFoundThroughItsOwnerOrDigest() {
        String yaml = WEB_DEPLOYMENT + """
                ---
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: web-5d8f
                  namespace: web
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
                ---
                apiVersion: aquasecurity.github.io/v1alpha1
                kind: VulnerabilityReport
                metadata:
                  name: replicaset-web-5d8f-web
                  namespace: web
                  labels:
                    trivy-operator.resource.kind: ReplicaSet
                    trivy-operator.resource.name: web-5d8f
                    trivy-operator.container.name: web
                report:
                  summary: {criticalCount: 0, highCount: 0, mediumCount: 2}
                ---
                apiVersion: aquasecurity.github.io/v1alpha1
                kind: VulnerabilityReport
                metadata: {name: elsewhere-proxy, namespace: edge}
                report:
                  registry: {server: ghcr.io}
                  artifact:
                    repository: acme/proxy
                    digest: sha256:5f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2
                  summary: {criticalCount: 0, highCount: 0}
                """;
        ChecklistReport.Cell images = imagesCell(yaml, "web");
        assertThat(images.status()).isEqualTo(Status.PASS);
        assertThat(images.notes()).isEmpty();
    }

    @Test
    void runningImagesWithoutAnyReportAreNoEvidenceNamingTheImages() {
        ChecklistReport.Cell images = imagesCell(WEB_DEPLOYMENT, "web");
        assertThat(images.status()).isEqualTo(Status.NO_EVIDENCE);
        assertThat(images.notes())
                .containsExactly(
                        "no vulnerability scan evidence: no Trivy Operator VulnerabilityReports in the input",
                        "no vulnerability report for running image(s): ghcr.io/acme/proxy@sha256:"
                                + "5f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2, ghcr.io/acme/web@sha256:"
                                + "4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2");
    }

    private static ChecklistReport.Cell imagesCell(String yaml, String namespace) {
        return checklistOf(yaml)
                .namespace(namespace)
                .orElseThrow()
                .cell(ChecklistPoint.IMAGES)
                .orElseThrow();
    }

    private static ChecklistReport checklistOf(String yaml) {
        ReportInput input = ReportInputs.fromManifests(
                List.of("-"),
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "default",
                BuiltInChecks.catalog(),
                AuditSettings.defaults(),
                ExceptionSet.empty(),
                null,
                TaskApi.NOW);
        return ChecklistReport.build(input, BuiltInChecks.catalog(), 5);
    }

    @Test
    void aPointWhoseFindingsAreAllSuppressedIsAccepted() {
        ExceptionSet all = ExceptionSet.of(List.of(
                new ExceptionEntry(
                        "limits",
                        "resources-missing-limits",
                        new ExceptionScope(new Glob("task-api-dev"), null, null),
                        "r",
                        "o",
                        null,
                        Instant.parse("2027-01-01T00:00:00Z"),
                        null),
                new ExceptionEntry(
                        "requests",
                        "resources-missing-requests",
                        ExceptionScope.ANY,
                        "r",
                        "o",
                        "T-1",
                        Instant.parse("2027-01-01T00:00:00Z"),
                        null)));
        ChecklistReport report = taskApi(all);
        ChecklistReport.Cell limits = report.namespace("task-api-dev")
                .orElseThrow()
                .cell(ChecklistPoint.RESOURCES)
                .orElseThrow();
        assertThat(limits.status()).isEqualTo(Status.ACCEPTED);
        assertThat(limits.counts()).isEqualTo(new Counts(0, 4, 0));
        assertThat(report.exceptions())
                .extracting(ExceptionRow::id, ExceptionRow::owner, ExceptionRow::suppressing)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("limits", "o", 2),
                        org.assertj.core.groups.Tuple.tuple("requests", "o", 2));
    }

    @Test
    void withFindingsOnlyApplicabilityIsUnknownAndBaselinedFindingsAreAccepted() {
        List<TrackedFinding> tracked = new ArrayList<>();
        for (Finding f : TaskApi.scanFindings()) {
            boolean baselined =
                    f.checkId().equals("dapr-mtls-disabled") || f.checkId().startsWith("dapr-");
            tracked.add(new TrackedFinding(
                    f,
                    new FindingStatus(
                            TaskApi.NOW.minusSeconds(3600), TaskApi.NOW, baselined, !baselined, false, null)));
        }
        ReportInput input =
                ReportInputs.fromFindings("default", "running Vigil", tracked, ExceptionSet.empty(), null, TaskApi.NOW);
        ChecklistReport report = ChecklistReport.build(input, BuiltInChecks.catalog(), 5);
        assertThat(report.namespaces())
                .extracting(ChecklistReport.Row::namespace)
                .containsExactly("task-api-dev");
        assertThat(ChecklistReport.statuses(report.namespace("task-api-dev").orElseThrow()))
                .as("cluster RBAC is not attributed without objects; Dapr findings are all baselined")
                .isEqualTo("FAIL FAIL NO FINDINGS FAIL FAIL FAIL FAIL FAIL ACCEPTED —");
        assertThat(ChecklistReport.statuses(report.cluster())).isEqualTo("— — FAIL — — — — — — NO FINDINGS");
        assertThat(input.period())
                .isEqualTo("from 2026-06-01T07:00:00Z (first seen of the oldest open finding) to "
                        + "2026-06-01T08:00:00Z");
    }

    @Test
    void everyCheckDecidesExactlyOnePointOrIsListedOutsideTheChecklist() {
        List<String> placed = new ArrayList<>();
        for (ChecklistPoint p : ChecklistPoint.values()) {
            placed.addAll(p.checks());
        }
        placed.addAll(ChecklistPoint.OUTSIDE);
        List<String> ids = new ArrayList<>(
                BuiltInChecks.catalog().all().stream().map(Check::id).toList());
        ids.add(CheckInfo.BASELINE_DRIFT);
        assertThat(placed).containsExactlyInAnyOrderElementsOf(ids);
    }
}
