package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.format.FindingJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    private static final String PRIVILEGED_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop}
            spec:
              containers:
                - name: api
                  image: shop/api:1.0
                  securityContext: {privileged: true}
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return FindingJson.MAPPER.readTree(out);
        }
    }

    static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void findingsBelowTheThresholdExitZeroAndAtItExitOne() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD);
        assertThat(vigil("scan", "--checks", "privileged-container", file).exit())
                .isZero();
        assertThat(vigil("scan", "--checks", "privileged-container", "--fail-on", "critical", file)
                        .exit())
                .isEqualTo(1);
        assertThat(vigil("scan", "--checks", "privileged-container", "--fail-on", "high", file)
                        .exit())
                .isEqualTo(1);
    }

    @Test
    void badInputExitsTwoNamesFileAndLineAndStillPrintsFindings() throws IOException {
        String good = write("pod.yaml", PRIVILEGED_POD);
        String bad = write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n");
        Run run = vigil("scan", "--checks", "privileged-container", "--format", "json", bad, good);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(bad + ":4: invalid YAML")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(run.json().path("findings")).hasSize(1);
        assertThat(run.json().path("errors").get(0).path("file").asText()).isEqualTo(bad);
    }

    @Test
    void jsonHasExactlyTheShapeOfTheCatalogue() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD);
        JsonNode doc = vigil("scan", "--checks", "privileged-container", "--cluster", "prod", "--format", "json", file)
                .json();
        assertThat(fields(doc)).containsExactly("schema", "findings", "errors", "summary");
        JsonNode f = doc.path("findings").get(0);
        assertThat(fields(f))
                .containsExactly(
                        "id",
                        "cluster",
                        "check",
                        "family",
                        "severity",
                        "title",
                        "message",
                        "resource",
                        "path",
                        "observed",
                        "expected",
                        "controls",
                        "remediation",
                        "source",
                        "firstSeen",
                        "lastSeen",
                        "baselined",
                        "drift",
                        "stale",
                        "suppressed");
        assertThat(f.path("cluster").asText()).isEqualTo("prod");
        assertThat(f.path("path").asText()).isEqualTo("spec.containers[name=api].securityContext.privileged");
        assertThat(f.path("source").path("line").asInt()).isEqualTo(8);
        assertThat(f.path("controls").toString())
                .isEqualTo("[\"CIS:5.2.2\",\"PSS:baseline\",\"SOC2:CC6.8\","
                        + "\"SOC2:CC7.1\",\"HIPAA:164.312(a)(1)\",\"HIPAA:164.312(c)(1)\",\"NSA:pod-security\"]");
        assertThat(fields(f.path("resource"))).containsExactly("apiVersion", "kind", "namespace", "name", "uid");
        assertThat(doc.path("summary").toString())
                .isEqualTo("{\"objects\":1,\"files\":1,\"findings\":1,\"bySeverity\":{\"critical\":1}}");
    }

    @Test
    void unknownCheckIdsAndSeveritiesAreUsageErrorsWithoutStackTraces() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD);
        Run run = vigil("scan", "--checks", "no-such-check,privileged-container", "--skip", "nope", file);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil: unknown check ids: no-such-check, nope (see 'vigil checks')\n");
        Run sev = vigil("scan", "--fail-on", "severe", file);
        assertThat(sev.exit()).isEqualTo(2);
        assertThat(sev.err()).contains("--fail-on: unknown severity \"severe\"");
        Run format = vigil("scan", "--format", "xml", file);
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format").doesNotContain("\tat ");
    }

    @Test
    void ocsfIsAnArrayOfOpenedComplianceFindings() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD);
        JsonNode doc = vigil("scan", "--checks", "privileged-container", "--format", "ocsf", file)
                .json();
        assertThat(doc.isArray()).isTrue();
        JsonNode f = doc.get(0);
        for (String required : List.of(
                "activity_id",
                "category_uid",
                "class_uid",
                "compliance",
                "finding_info",
                "metadata",
                "severity_id",
                "time",
                "type_uid")) {
            assertThat(f.has(required)).as(required).isTrue();
        }
        assertThat(f.path("class_uid").asInt()).isEqualTo(2003);
        assertThat(f.path("category_uid").asInt()).isEqualTo(2);
        assertThat(f.path("activity_id").asInt()).isEqualTo(1);
        assertThat(f.path("type_uid").asInt()).isEqualTo(200301);
        assertThat(f.path("status_id").asInt()).isEqualTo(1);
        assertThat(f.path("severity_id").asInt()).isEqualTo(5);
        assertThat(f.path("compliance").path("status_id").asInt()).isEqualTo(3);
        assertThat(f.path("compliance").path("control").asText()).isEqualTo("CIS:5.2.2");
        assertThat(f.path("metadata").path("version").asText()).isEqualTo("1.8.0");
        assertThat(f.path("finding_info").path("uid").asText()).hasSize(64);
    }

    @Test
    void tablePrintsOneLinePerFindingAndASummary() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD);
        Run run = vigil("scan", "--checks", "privileged-container", file);
        List<String> lines = List.of(run.out().split("\n"));
        assertThat(lines.get(0)).startsWith("SEVERITY").contains("CHECK", "RESOURCE", "LOCATION", "MESSAGE");
        assertThat(lines.get(1))
                .startsWith("CRITICAL")
                .contains("privileged-container", "Pod shop/api", file + ":8", "container api runs privileged");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1 finding (1 critical) in 1 object from 1 file");
    }

    @Test
    void checksCommandListsTheCatalogueInEveryFormat() throws IOException {
        assertThat(vigil("checks").out()).contains("privileged-container");
        assertThat(vigil("checks", "--format", "json").json().get(0).path("id").asText())
                .isNotEmpty();
        assertThat(vigil("checks", "--format", "markdown").out()).startsWith("# Vigil checks");
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
