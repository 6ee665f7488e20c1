package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.format.FindingJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
    void anObjectTheApiServerWouldRejectExitsTwoAndItsFindingsAreStillPrinted() throws IOException {
        String file = write("deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          securityContext: {privileged: true}
                """);
        Run run = vigil("scan", "--checks", "privileged-container", "--format", "json", file);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo(file + ":8: Deployment \"web\" is invalid:"
                        + " spec.template.spec.containers[0].image: Required value (container \"web\")\n");
        assertThat(run.json().path("findings")).hasSize(1);
        assertThat(run.json().path("findings").get(0).path("check").asText()).isEqualTo("privileged-container");
        assertThat(run.json().path("errors").get(0).path("line").asInt()).isEqualTo(8);
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

    /** Runs {@code vigil scan ...} with the scan command's environment and terminal fixed. */
    static Run scan(Map<String, String> env, boolean tty, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VigilCommand.commandLine();
        ScanCommand scan = (ScanCommand) cli.getSubcommands().get("scan").getCommand();
        scan.env = env;
        scan.tty = tty;
        scan.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "scan";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void tableGroupsByNamespaceAndObjectAndEndsWithTheSeveritySummary() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: everything}
                rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
                """);
        Run run = scan(Map.of("COLUMNS", "200"), false, "--checks", "privileged-container,rbac-wildcard-verb", file);
        List<String> lines = List.of(run.out().split("\n"));
        assertThat(lines.get(0)).isEqualTo("namespace shop");
        assertThat(lines.get(1)).isEqualTo("  Pod api");
        assertThat(lines.get(2)).isEqualTo("    CRITICAL  privileged-container  container api runs privileged");
        assertThat(lines.get(3))
                .isEqualTo("              at " + file + ":8 spec.containers[name=api].securityContext.privileged");
        assertThat(lines).contains("(cluster-scoped)", "  ClusterRole everything");
        assertThat(lines.indexOf("(cluster-scoped)")).isGreaterThan(lines.indexOf("namespace shop"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("2 findings (1 critical, 1 high) in 2 objects from 1 file");
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void tableFitsTheWidthWithoutCuttingCheckIds() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD);
        for (int width : List.of(50, 100)) {
            Run run = scan(Map.of("COLUMNS", String.valueOf(width)), false, file);
            List<String> lines = List.of(run.out().split("\n"));
            assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(width));
            for (String check :
                    List.of("privileged-container", "resources-missing-limits", "image-not-digest-pinned")) {
                assertThat(lines).anySatisfy(l -> assertThat(l).contains(" " + check));
            }
        }
        Run narrow = scan(Map.of("COLUMNS", "50"), false, file);
        Run wide = scan(Map.of(), false, file);
        assertThat(narrow.out().lines().count())
                .isGreaterThan(wide.out().lines().count());
    }

    @Test
    void severitiesAreColouredOnlyOnATerminalWithoutNoColor() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD);
        String args = "privileged-container";
        assertThat(scan(Map.of(), true, "--checks", args, file).out()).contains("\u001b[1;31mCRITICAL\u001b[0m  ");
        assertThat(scan(Map.of("NO_COLOR", "1"), true, "--checks", args, file).out())
                .doesNotContain("\u001b[");
        assertThat(scan(Map.of(), false, "--checks", args, file).out()).doesNotContain("\u001b[");
    }

    @Test
    void formatAndFailOnTakeAnyCase() throws IOException {
        String file = write("pod.yaml", PRIVILEGED_POD);
        Run json = vigil("scan", "--format", "JSON", "--checks", "privileged-container", file);
        assertThat(json.exit()).isZero();
        assertThat(json.json().path("schema").asText()).isEqualTo("vigil.scan/v1");
        assertThat(vigil("scan", "--format", "Sarif", file)
                        .json()
                        .path("version")
                        .asText())
                .isEqualTo("2.1.0");
    }

    private static final String EXEMPT_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: api
              namespace: shop
              annotations:
                vigil.io/exempt: privileged-container
                vigil.io/exempt-reason: the CNI agent needs it
                vigil.io/exempt-owner: net-team@example.com
                vigil.io/exempt-expires: "%s"
            spec:
              containers:
                - name: api
                  image: shop/api:1.0
                  securityContext: {privileged: true}
            """;

    @Test
    void anExceptionFileSuppressesInEveryOutputAndExpiredEntriesReopen() throws IOException {
        String pod = write("pod.yaml", PRIVILEGED_POD);
        String exceptions = write("exceptions.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - id: shop-api-privileged
                    check: privileged-container
                    scope: {namespace: shop, kind: Pod, name: api}
                    reason: the CNI agent needs it
                    owner: net-team@example.com
                    ticket: SEC-7
                    expires: 2026-12-31
                  - id: old-one
                    check: host-port
                    reason: gone
                    owner: someone@example.com
                    expires: 2026-01-01
                """);
        String[] base = {"--checks", "privileged-container", "--fail-on", "critical", "--exceptions", exceptions, pod};
        Run table = scan(Map.of("COLUMNS", "200"), false, base);
        assertThat(table.exit()).isZero();
        assertThat(table.out())
                .contains("    CRITICAL  privileged-container  container api runs privileged\n")
                .contains("              SUPPRESSED by shop-api-privileged until 2026-12-31T00:00:00Z (owner "
                        + "net-team@example.com, ticket SEC-7): the CNI agent needs it\n")
                .contains("1 of them suppressed by exceptions");
        assertThat(table.err()).contains("warning: ").contains("old-one");

        Run json = scan(Map.of(), false, concat(new String[] {"--format", "json"}, base));
        JsonNode finding = json.json().path("findings").get(0);
        assertThat(finding.path("suppressed").path("exception").asText()).isEqualTo("shop-api-privileged");
        Run sarif = scan(Map.of(), false, concat(new String[] {"--format", "sarif"}, base));
        JsonNode suppression = sarif.json()
                .path("runs")
                .get(0)
                .path("results")
                .get(0)
                .path("suppressions")
                .get(0);
        assertThat(suppression.path("kind").asText()).isEqualTo("external");
        assertThat(suppression.path("justification").asText()).startsWith("SUPPRESSED by shop-api-privileged");
        Run ocsf = scan(Map.of(), false, concat(new String[] {"--format", "ocsf"}, base));
        assertThat(ocsf.json().get(0).path("status").asText()).isEqualTo("Suppressed");

        String expired = write("expired.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - id: shop-api-privileged
                    check: privileged-container
                    reason: the CNI agent needs it
                    owner: net-team@example.com
                    expires: 2026-05-01
                """);
        Run reopened = scan(
                Map.of(),
                false,
                "--checks",
                "privileged-container",
                "--fail-on",
                "critical",
                "--exceptions",
                expired,
                pod);
        assertThat(reopened.exit()).isEqualTo(1);
        assertThat(reopened.out()).doesNotContain("SUPPRESSED");
    }

    @Test
    void annotationExemptionsNeedReasonOwnerAndExpiryAndAreNeverSilent() throws IOException {
        String exempt = write("exempt.yaml", EXEMPT_POD.formatted("2026-12-31"));
        String[] args = {"--checks", "privileged-container", "--fail-on", "critical", exempt};
        Run run = scan(Map.of("COLUMNS", "200"), false, args);
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("SUPPRESSED by annotation:Pod/shop/api:privileged-container until 2026-12-31T00:00:00Z "
                        + "(owner net-team@example.com): the CNI agent needs it");
        JsonNode json = scan(Map.of(), false, concat(new String[] {"--format", "json"}, args))
                .json();
        assertThat(json.path("findings")
                        .get(0)
                        .path("suppressed")
                        .path("exception")
                        .asText())
                .isEqualTo("annotation:Pod/shop/api:privileged-container");

        Run off = scan(Map.of(), false, concat(new String[] {"--no-exception-annotations"}, args));
        assertThat(off.exit()).isEqualTo(1);
        assertThat(off.out()).doesNotContain("SUPPRESSED");

        Run expired = scan(
                Map.of(),
                false,
                "--checks",
                "privileged-container",
                "--fail-on",
                "critical",
                write("expired.yaml", EXEMPT_POD.formatted("2026-05-01")));
        assertThat(expired.exit()).isEqualTo(1);
        assertThat(expired.err()).contains("expired at 2026-05-01T00:00:00Z: its findings are open again");

        String noOwner = write(
                "no-owner.yaml",
                EXEMPT_POD.formatted("2026-12-31").replace("    vigil.io/exempt-owner: net-team@example.com\n", ""));
        Run missing = scan(Map.of(), false, "--checks", "privileged-container", noOwner);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err())
                .isEqualTo("vigil: " + noOwner + ":1: Pod shop/api: vigil.io/exempt needs vigil.io/exempt-owner; "
                        + "its findings stay open\n");
        assertThat(missing.out()).contains("CRITICAL  privileged-container").doesNotContain("SUPPRESSED");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
