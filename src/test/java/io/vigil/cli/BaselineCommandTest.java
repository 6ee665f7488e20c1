package io.vigil.cli;

import static io.vigil.cli.ScanCommandTest.vigil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI story of docs/baseline.md: capture from manifests, then scan with --baseline (--fail-on-drift). */
class BaselineCommandTest {
    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {pod-security.kubernetes.io/enforce: restricted}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """;
    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: ops}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops-admins}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
            subjects:
              - {kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}
            """;
    private static final String READER = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: shop}
            rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
            """;
    private static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                    - name: api
                      image: shop/api:1.0
                      securityContext: {%s}
            """;

    @TempDir
    Path dir;

    Path k8s;
    String baseline;

    @BeforeEach
    void captureTheAuditedState() throws IOException {
        k8s = Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(k8s.resolve("namespace.yaml"), NAMESPACE);
        Files.writeString(k8s.resolve("rbac.yaml"), RBAC);
        Files.writeString(k8s.resolve("reader.yaml"), READER);
        Files.writeString(k8s.resolve("app.yaml"), APP.formatted(""));
        baseline = dir.resolve("baseline.yaml").toString();
        ScanCommandTest.Run run = vigil("baseline", "capture", k8s.toString(), "-o", baseline, "--captured-by", "ci");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .matches("vigil: captured the baseline of cluster default: \\d+ accepted findings,"
                        + " 5 fingerprints, digest [0-9a-f]{12} -> " + java.util.regex.Pattern.quote(baseline) + "\\n");
    }

    private JsonNode scan(String... extra) throws IOException {
        return scanRun(extra).json();
    }

    private ScanCommandTest.Run scanRun(String... extra) {
        List<String> args =
                new ArrayList<>(List.of("scan", k8s.toString(), "--baseline", baseline, "--format", "json"));
        args.addAll(List.of(extra));
        return vigil(args.toArray(String[]::new));
    }

    /** {@code check kind namespace/name} of every drift finding, sorted. */
    private static List<String> drift(JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : doc.path("findings")) {
            assertThat(f.path("drift").asBoolean())
                    .isEqualTo(!f.path("baselined").asBoolean());
            if (f.path("drift").asBoolean()) {
                JsonNode r = f.path("resource");
                out.add(f.path("check").asText() + " " + r.path("kind").asText() + " "
                        + (r.path("namespace").isNull()
                                ? ""
                                : r.path("namespace").asText() + "/")
                        + r.path("name").asText());
            }
        }
        return out.stream().sorted().toList();
    }

    private static JsonNode only(JsonNode doc, String check) {
        List<JsonNode> out = new ArrayList<>();
        doc.path("findings").forEach(f -> {
            if (f.path("check").asText().equals(check)) {
                out.add(f);
            }
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void theSameManifestsHaveNoDriftAndEveryFindingIsBaselined() throws IOException {
        Baseline b = BaselineLoader.load(Path.of(baseline)).baseline().orElseThrow();
        assertThat(b.metadata().capturedBy()).isEqualTo("ci");
        assertThat(b.metadata().source()).isEqualTo("manifests: " + k8s);
        ScanCommandTest.Run run = scanRun("--fail-on-drift");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode doc = run.json();
        assertThat(doc.path("findings").size()).isEqualTo(b.findings().size()).isPositive();
        assertThat(drift(doc)).isEmpty();
        doc.path("findings")
                .forEach(f -> assertThat(f.path("baselined").asBoolean()).isTrue());
    }

    @Test
    void aNewViolationIsExactlyTheDriftAndFailsTheRun() throws IOException {
        Files.writeString(k8s.resolve("app.yaml"), APP.formatted("privileged: true"));
        assertThat(drift(scan())).containsExactly("privileged-container Deployment shop/api");
        assertThat(scanRun().exit())
                .as("drift alone fails nothing without --fail-on-drift")
                .isZero();
        assertThat(scanRun("--fail-on-drift").exit()).isEqualTo(1);
    }

    @Test
    void aChangedBindingSubjectIsOneBaselineDriftFindingNamingSubjectsAndRevertingClearsIt() throws IOException {
        Files.writeString(k8s.resolve("rbac.yaml"), RBAC + "  - {kind: User, name: mallory}\n");
        JsonNode doc = scan();
        assertThat(drift(doc)).containsExactly("baseline-drift ClusterRoleBinding ops-admins");
        JsonNode f = only(doc, "baseline-drift");
        assertThat(f.path("path").asText()).isEqualTo("metadata");
        assertThat(f.path("severity").asText()).isEqualTo("high");
        assertThat(f.path("family").asText()).isEqualTo("baseline-drift");
        assertThat(f.path("message").asText())
                .isEqualTo("ClusterRoleBinding ops-admins differs from the baseline:"
                        + " subjects: +{\"kind\":\"User\",\"name\":\"mallory\"}");
        assertThat(f.path("observed").asText())
                .isEqualTo("subjects=[{\"kind\":\"Group\",\"name\":\"ops\"},{\"kind\":\"User\",\"name\":\"mallory\"}]");
        assertThat(f.path("expected").asText()).isEqualTo("subjects=[{\"kind\":\"Group\",\"name\":\"ops\"}]");
        assertThat(f.path("source").path("file").asText())
                .isEqualTo(k8s.resolve("rbac.yaml").toString());
        assertThat(scanRun("--fail-on-drift").exit()).isEqualTo(1);

        Files.writeString(k8s.resolve("rbac.yaml"), RBAC);
        assertThat(drift(scan())).isEmpty();
        assertThat(scanRun("--fail-on-drift").exit()).isZero();
    }

    @Test
    void aDeletedFingerprintedObjectIsTheDeletionFinding() throws IOException {
        Files.delete(k8s.resolve("reader.yaml"));
        JsonNode doc = scan();
        assertThat(drift(doc)).containsExactly("baseline-drift Role shop/reader");
        JsonNode f = only(doc, "baseline-drift");
        assertThat(f.path("observed").asText()).isEqualTo("deleted");
        assertThat(f.path("expected").asText())
                .isEqualTo(
                        "present: rules=[{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],\"verbs\":[\"get\"]}]");
        assertThat(f.path("message").asText())
                .isEqualTo("Role shop/reader was deleted since the baseline was captured");
        assertThat(f.path("source").isNull()).isTrue();
        assertThat(scanRun("--fail-on-drift").exit()).isEqualTo(1);
        ScanCommandTest.Run sarif = vigil("scan", k8s.toString(), "--baseline", baseline, "--format", "sarif");
        assertThat(sarif.exit()).as(sarif.err()).isZero();
        assertThat(sarif.json()
                        .path("runs")
                        .get(0)
                        .path("tool")
                        .path("driver")
                        .path("rules")
                        .findValuesAsText("id"))
                .contains("baseline-drift");
        ScanCommandTest.Run ocsf = vigil("scan", k8s.toString(), "--baseline", baseline, "--format", "ocsf");
        assertThat(ocsf.exit()).as(ocsf.err()).isZero();
        assertThat(ocsf.out()).contains("Role shop/reader was deleted since the baseline was captured");
    }

    @Test
    void skippingBaselineDriftKeepsTheTags() throws IOException {
        Files.delete(k8s.resolve("reader.yaml"));
        Files.writeString(k8s.resolve("app.yaml"), APP.formatted("privileged: true"));
        assertThat(drift(scan("--skip", "baseline-drift"))).containsExactly("privileged-container Deployment shop/api");
        assertThat(drift(scan("--checks", "baseline-drift"))).containsExactly("baseline-drift Role shop/reader");
    }

    @Test
    void aTamperedBaselineIsAnInputErrorAndTheFindingsAreStillPrinted() throws IOException {
        Path file = Path.of(baseline);
        Files.writeString(file, Files.readString(file).replace("capturedBy: ci", "capturedBy: someone-else"));
        ScanCommandTest.Run run = scanRun("--fail-on-drift");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith(baseline + ":").contains(": digest: does not match the content");
        JsonNode doc = run.json();
        assertThat(doc.path("findings").size()).isPositive();
        assertThat(doc.path("errors").get(0).path("file").asText()).isEqualTo(baseline);
        assertThat(doc.path("errors").get(0).path("reason").asText()).startsWith("digest: does not match the content");
        assertThat(drift(doc)).as("the entries still apply").isEmpty();
    }

    @Test
    void anUnusableBaselineIsReportedAndTheScanStillRuns() throws IOException {
        Files.writeString(Path.of(baseline), "apiVersion: vigil.io/v9\nkind: Baseline\n");
        ScanCommandTest.Run run = scanRun();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains(baseline + ":1: apiVersion: unsupported \"vigil.io/v9\"")
                .contains("not used: findings are neither baselined nor drift");
        run.json()
                .path("findings")
                .forEach(f -> assertThat(f.path("drift").asBoolean()).isFalse());
    }

    @Test
    void theTableSaysHowManyFindingsAreBaselinedAndDrift() throws IOException {
        Files.writeString(k8s.resolve("app.yaml"), APP.formatted("privileged: true"));
        ScanCommandTest.Run run = vigil("scan", k8s.toString(), "--baseline", baseline);
        int findings = scan().path("findings").size();
        assertThat(run.out())
                .endsWith("baseline " + baseline + ": " + (findings - 1) + " baselined, 1 drift\n"
                        + "  drift: critical privileged-container Deployment shop/api"
                        + " spec.template.spec.containers[name=api].securityContext.privileged\n");
    }

    @Test
    void failOnDriftNeedsABaseline() {
        ScanCommandTest.Run run = vigil("scan", k8s.toString(), "--fail-on-drift");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil: --fail-on-drift needs --baseline FILE\n");
    }

    @Test
    void aClusterNameMismatchIsWarnedAbout() {
        ScanCommandTest.Run run = vigil("scan", k8s.toString(), "--baseline", baseline, "--cluster", "prod");
        assertThat(run.err()).contains("was captured for cluster \"default\" but this scan names the cluster \"prod\"");
    }

    // ---- capture

    @Test
    void captureNeedsExactlyOneSource() {
        String expected = "vigil: choose exactly one source: PATH... (manifests), --kubeconfig FILE (a cluster) or"
                + " --from-api URL (a running Vigil)\n";
        assertThat(vigil("baseline", "capture").err()).isEqualTo(expected);
        ScanCommandTest.Run two = vigil("baseline", "capture", k8s.toString(), "--from-api", "http://127.0.0.1:1");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).isEqualTo(expected);
    }

    @Test
    void captureFromBrokenManifestsWritesNothing() throws IOException {
        Files.writeString(k8s.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n");
        Path out = dir.resolve("new.yaml");
        ScanCommandTest.Run run = vigil("baseline", "capture", k8s.toString(), "-o", out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(k8s.resolve("broken.yaml") + ":4: invalid YAML")
                .contains("vigil: no baseline written");
        assertThat(out).doesNotExist();
    }

    @Test
    void captureToStandardOutputIsTheDocument() {
        ScanCommandTest.Run run = vigil("baseline", "capture", k8s.toString(), "--cluster", "prod");
        assertThat(run.exit()).isZero();
        BaselineLoader.Result r = BaselineLoader.parse("-", run.out());
        assertThat(r.problems()).isEmpty();
        assertThat(r.baseline().orElseThrow().metadata().cluster()).isEqualTo("prod");
    }

    // ---- diff

    @Test
    void diffShowsWhatChangedReadably() throws IOException {
        Files.writeString(k8s.resolve("rbac.yaml"), RBAC + "  - {kind: User, name: mallory}\n");
        Files.delete(k8s.resolve("reader.yaml"));
        Files.writeString(k8s.resolve("app.yaml"), APP.formatted("privileged: true"));
        String next = dir.resolve("next.yaml").toString();
        assertThat(vigil("baseline", "capture", k8s.toString(), "-o", next, "--captured-by", "bob")
                        .exit())
                .isZero();

        ScanCommandTest.Run run = vigil("baseline", "diff", baseline, next);
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        String text = run.out();
        assertThat(text).startsWith("--- " + baseline + "  cluster default, captured ");
        assertThat(text)
                .containsPattern("\nmetadata\n(  capturedAt: [0-9T:Z-]+ -> [0-9T:Z-]+\n)?  capturedBy: ci -> bob\n");
        assertThat(text).contains("\nfindings: 1 accepted now, 0 no longer, 0 with other evidence (");
        assertThat(text)
                .containsPattern("\n  \\+ critical  privileged-container  Deployment shop/api  "
                        + "spec\\.template\\.spec\\.containers\\[name=api\\]\\.securityContext\\.privileged\n");
        assertThat(text)
                .contains("\nfingerprints: 0 added, 1 removed, 1 changed (5 -> 4)\n"
                        + "  - Role shop/reader\n"
                        + "  ~ ClusterRoleBinding ops-admins: subjects\n"
                        + "      subjects: +{\"kind\":\"User\",\"name\":\"mallory\"}\n");
        assertThat(text).endsWith("\ndifferent: 3 changes\n");

        JsonNode json = ScanCommandTest.vigil("baseline", "diff", baseline, next, "--format", "json")
                .json();
        assertThat(json.path("schema").asText()).isEqualTo("vigil.baseline-diff/v1");
        assertThat(json.path("identical").asBoolean()).isFalse();
        assertThat(json.path("findings").path("added").get(0).path("check").asText())
                .isEqualTo("privileged-container");
        assertThat(json.path("fingerprints").path("removed").get(0).path("name").asText())
                .isEqualTo("reader");
        JsonNode changed = json.path("fingerprints").path("changed").get(0);
        assertThat(changed.path("kind").asText()).isEqualTo("ClusterRoleBinding");
        assertThat(changed.path("fields").get(0).path("field").asText()).isEqualTo("subjects");
    }

    @Test
    void twoCapturesOfTheSameStateAreIdentical() throws IOException {
        String again = dir.resolve("again.yaml").toString();
        assertThat(vigil("baseline", "capture", k8s.toString(), "-o", again, "--captured-by", "bob")
                        .exit())
                .isZero();
        ScanCommandTest.Run run = vigil("baseline", "diff", baseline, again);
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .endsWith("\nidentical content (only when, by whom or from what it was captured differs)\n");
        assertThat(vigil("baseline", "diff", baseline, baseline).out()).endsWith("\n\nidentical\n");
    }

    @Test
    void diffOfABrokenFileExitsTwo() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: vigil.io/v1\nkind: Baseline\n");
        ScanCommandTest.Run run = vigil("baseline", "diff", baseline, broken.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(broken + ":1: metadata: missing");
    }
}
