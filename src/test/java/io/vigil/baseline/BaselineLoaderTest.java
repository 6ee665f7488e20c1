package io.vigil.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineLoaderTest {
    @TempDir
    Path dir;

    private static BaselineLoader.Result parse(String text) {
        return BaselineLoader.parse("baseline.yaml", text);
    }

    private static List<String> problems(BaselineLoader.Result r) {
        return r.problems().stream().map(BaselineProblem::toString).toList();
    }

    @Test
    void aCapturedBaselineReadsBackEqualAndClean() {
        Baseline b = Samples.baseline();
        assertThat(b.findings()).isNotEmpty();
        assertThat(b.fingerprints())
                .extracting(Fingerprint::display)
                .containsExactly(
                        "Namespace shop",
                        "ClusterRole ops",
                        "ClusterRoleBinding ops-admins",
                        "NetworkPolicy shop/default-deny");
        String yaml = BaselineCodec.yaml(b);
        BaselineLoader.Result r = parse(yaml);
        assertThat(problems(r)).isEmpty();
        assertThat(r.baseline()).contains(b);
        assertThat(yaml)
                .startsWith("# Vigil baseline")
                .contains("apiVersion: vigil.io/v1\nkind: Baseline\n")
                .contains("digest: " + b.digest());
    }

    @Test
    void reformattingIsNotTampering() throws Exception {
        Baseline b = Samples.baseline();
        String json = io.vigil.format.FindingJson.MAPPER
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(BaselineCodec.tree(b));
        BaselineLoader.Result r = parse(json);
        assertThat(problems(r)).as("the same content as JSON").isEmpty();
        assertThat(r.baseline()).contains(b);
        assertThat(BaselineCodec.yaml(b)).contains("      subjects:\n        - kind: Group\n          name: ops\n");
    }

    @Test
    void awkwardStringsSurviveTheRoundTrip() {
        Baseline b = BaselineCapture.seal(
                new Baseline.Metadata("prod", Samples.AT, "true", "10"),
                List.of(),
                List.of(Fingerprint.of(
                        "v1",
                        "Namespace",
                        null,
                        "odd",
                        java.util.Map.of(
                                "metadata.labels[a]",
                                "*",
                                "metadata.labels[b]",
                                "true",
                                "metadata.labels[c]",
                                "10",
                                "metadata.labels[d]",
                                "null",
                                "metadata.labels[e]",
                                "[{\"x\":\"y: z # not a comment\"}]",
                                "metadata.labels[f]",
                                "'quoted'",
                                "metadata.labels[g]",
                                "",
                                "metadata.labels[h]",
                                "- dash"))));
        BaselineLoader.Result r = parse(BaselineCodec.yaml(b));
        assertThat(problems(r)).isEmpty();
        assertThat(r.baseline()).contains(b);
    }

    @Test
    void aTamperedFileIsAnErrorNamingTheDigest() {
        Baseline b = Samples.baseline();
        String yaml = BaselineCodec.yaml(b).replace("capturedBy: alice", "capturedBy: mallory");
        BaselineLoader.Result r = parse(yaml);
        int line = lineOf(yaml, "digest:");
        assertThat(problems(r))
                .containsExactly("baseline.yaml:" + line + ": digest: does not match the content"
                        + " (recorded " + b.digest().substring(0, 16) + "…, content hashes to "
                        + BaselineCodec.digest(withBy(b, "mallory")).substring(0, 16)
                        + "…): the file was changed after capture; capture it again rather than editing it");
        assertThat(r.baseline()).isPresent();
    }

    @Test
    void aMissingDigestIsAnError() {
        String yaml = BaselineCodec.yaml(Samples.baseline()).replaceAll("(?m)^digest: .*\\n", "");
        assertThat(problems(parse(yaml)))
                .as("the line of the document after the header comment")
                .containsExactly("baseline.yaml:3: digest: missing: the baseline cannot be"
                        + " verified (capture it with 'vigil baseline capture')");
    }

    @Test
    void badEntriesAreNamedWithTheirLineAndTheValidOnesKept() {
        String yaml = """
                apiVersion: vigil.io/v1
                kind: Baseline
                metadata: {cluster: default, capturedAt: "2026-03-01T10:00:00Z", capturedBy: alice, source: test}
                findings:
                  - id: 1111111111111111111111111111111111111111111111111111111111111111
                    check: privileged-container
                    severity: critical
                    resource: {apiVersion: v1, kind: Pod, namespace: shop, name: api}
                    path: spec.containers[name=api].securityContext.privileged
                  - id: not-an-id
                    check: privileged-container
                    severity: severe
                    resource: {apiVersion: v1, kind: Pod, namespace: shop, name: api}
                    path: spec.containers[name=api].securityContext.privileged
                  - id: 2222222222222222222222222222222222222222222222222222222222222222
                    check: image-latest-tag
                    severity: medium
                    path: spec.containers[name=api].image
                fingerprints:
                  - apiVersion: v1
                    kind: Namespace
                    name: shop
                    sha256: %s
                    fields:
                      metadata.labels[team]: payments
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRole
                    name: ops
                    fields: {rules: "[]"}
                  - apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    name: deny
                    sha256: %s
                    fields: {}
                  - apiVersion: v1
                    kind: ConfigMap
                    namespace: shop
                    name: c
                    sha256: %s
                    fields: {}
                  - apiVersion: v1
                    kind: Namespace
                    name: other
                    sha256: %s
                    fields:
                      metadata.labels[team]: payments
                  - apiVersion: v1
                    kind: Namespace
                    name: shop
                    sha256: %s
                    fields:
                      metadata.labels[team]: payments
                """.formatted(
                        sha("{\"metadata.labels[team]\":\"payments\"}"),
                        sha("{}"),
                        sha("{}"),
                        "f".repeat(64),
                        sha("{\"metadata.labels[team]\":\"payments\"}"));
        BaselineLoader.Result r = parse(yaml);
        assertThat(problems(r))
                .containsExactly(
                        "baseline.yaml:10: findings[1]: id \"not-an-id\" is not a finding id (64 lowercase hex digits)",
                        "baseline.yaml:12: findings[1]: unknown severity \"severe\" (critical, high, medium, low or info)",
                        "baseline.yaml:15: findings[2]: missing resource",
                        "baseline.yaml:26: fingerprints[1]: missing sha256",
                        "baseline.yaml:30: fingerprints[2]: missing namespace (NetworkPolicy is namespaced)",
                        "baseline.yaml:36: fingerprints[3]: ConfigMap (v1) is not a fingerprinted kind",
                        "baseline.yaml:44: fingerprints[4]: sha256 does not match the entry's fields (edited by hand?)",
                        "baseline.yaml:47: fingerprints[5]: duplicate entry for Namespace shop (the first entry is kept)",
                        "baseline.yaml:1: digest: missing: the baseline cannot be verified (capture it with 'vigil baseline"
                                + " capture')");
        Baseline b = r.baseline().orElseThrow();
        assertThat(b.findings()).extracting(Baseline.AcceptedFinding::id).containsExactly("1".repeat(64));
        assertThat(b.fingerprints()).extracting(Fingerprint::display).containsExactly("Namespace shop");
        assertThat(r.problems()).noneMatch(BaselineProblem::fatal);
    }

    @Test
    void unknownFieldsAreReportedButCostNothing() {
        String yaml = BaselineCodec.yaml(Samples.baseline())
                .replace("  capturedBy: alice\n", "  capturedBy: alice\n  approvedBy: bob\n");
        BaselineLoader.Result r = parse(yaml);
        assertThat(problems(r))
                .hasSize(2)
                .first()
                .asString()
                .isEqualTo("baseline.yaml:" + lineOf(yaml, "approvedBy") + ": metadata: unknown field \"approvedBy\"");
        assertThat(r.baseline().orElseThrow().metadata().capturedBy()).isEqualTo("alice");
    }

    @Test
    void anUnsupportedApiVersionIsFatal() {
        BaselineLoader.Result r = parse("apiVersion: vigil.io/v2\nkind: Baseline\n");
        assertThat(r.baseline()).isEmpty();
        assertThat(problems(r))
                .containsExactly(
                        "baseline.yaml:1: apiVersion: unsupported \"vigil.io/v2\" (this Vigil reads vigil.io/v1)");
        assertThat(r.problems().get(0).fatal()).isTrue();
    }

    @Test
    void notABaselineIsFatal() {
        assertThat(problems(parse("kind: Baseline\n")))
                .containsExactly("baseline.yaml:1: apiVersion: missing (expected vigil.io/v1)");
        assertThat(problems(parse("apiVersion: vigil.io/v1\nkind: Pod\n")))
                .containsExactly("baseline.yaml:2: kind: \"Pod\" is not a Baseline");
        assertThat(problems(parse("apiVersion: vigil.io/v1\nkind: Baseline\nfindings: [oops\n")))
                .containsExactly("baseline.yaml:4: invalid YAML: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence from line 3)");
        assertThat(problems(parse(""))).containsExactly("baseline.yaml: empty file, not a baseline");
    }

    @Test
    void aMissingFileIsFatal() {
        BaselineLoader.Result r = BaselineLoader.load(dir.resolve("nope.yaml"));
        assertThat(problems(r)).containsExactly(dir.resolve("nope.yaml") + ": no such file");
        assertThat(r.baseline()).isEmpty();
    }

    @Test
    void loadsFromAFile() throws Exception {
        Path file = dir.resolve("baseline.yaml");
        Files.writeString(file, BaselineCodec.yaml(Samples.baseline()));
        assertThat(BaselineLoader.load(file).baseline()).contains(Samples.baseline());
    }

    private static Baseline withBy(Baseline b, String by) {
        Baseline.Metadata m = b.metadata();
        return new Baseline(
                new Baseline.Metadata(m.cluster(), m.capturedAt(), by, m.source()),
                b.findings(),
                b.fingerprints(),
                null);
    }

    private static String sha(String text) {
        return io.vigil.model.Masking.sha256Hex(text);
    }

    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }
}
