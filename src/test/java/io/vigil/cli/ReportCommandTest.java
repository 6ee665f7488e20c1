package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.TrackedFinding;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.Scanner;
import io.vigil.testing.FakeVigilApi;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    static final String TASK_API = "docs/examples/task-api";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    /** Runs {@code vigil} with the report command's clock fixed at {@link #NOW}. */
    static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VigilCommand.commandLine();
        ((ReportCommand) cli.getSubcommands().get("report").getCommand()).clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aBaselineSetsThePeriodTheDigestAndTheBaselinedCounts() {
        Path baseline = dir.resolve("baseline.yaml");
        assertThat(ScanCommandTest.vigil("baseline", "capture", TASK_API, "-o", baseline.toString())
                        .exit())
                .isZero();
        var loaded = io.vigil.baseline.BaselineLoader.load(baseline).baseline().orElseThrow();
        Run run = vigil("report", "--framework", "soc2", "--baseline", baseline.toString(), TASK_API);
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("| Period covered | since the baseline captured at "
                        + loaded.metadata().capturedAt())
                .contains("| Baseline | digest " + loaded.digest())
                .contains("| CC6.1 | Logical access security | **ACCEPTED** | 0 | 0 | ");
        Run missing = vigil(
                "report",
                "--framework",
                "soc2",
                "--baseline",
                dir.resolve("nope.yaml").toString(),
                TASK_API);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml");
    }

    @Test
    void soc2MarkdownOnStdout() {
        Run run = vigil("report", "--framework", "soc2", TASK_API);
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .startsWith("# SOC 2 report: cluster default\n")
                .contains("| Input | manifests docs/examples/task-api (18 objects from 2 files) |")
                .contains("| CC6.1 | Logical access security | **FAIL** |")
                .contains("| CC7.2 | Monitoring for anomalies | **N/A** | 0 | 0 | 0 |")
                .contains("| Period covered | point-in-time snapshot at 2026-06-01T08:00:00Z |");
    }

    @Test
    void checklistHtmlToAFileWithExceptions() throws Exception {
        Path out = dir.resolve("checklist.html");
        Run run = vigil(
                "report",
                "--framework",
                "checklist",
                "--format",
                "html",
                "-o",
                out.toString(),
                "--exceptions",
                "docs/examples/exceptions.yaml",
                TASK_API);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("vigil: warning: docs/examples/exceptions.yaml:18: exceptions[1] "
                        + "(id \"task-api-dev-resources\"): expired 2026-01-15T00:00:00Z");
        String html = Files.readString(out);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        assertThat(html).contains("task-api-dev-hostport").contains("task-api-team@example.com");
    }

    @Test
    void invalidExceptionsAreNamedTheValidOnesApplyAndTheExitIsTwo() throws Exception {
        Path file = dir.resolve("exceptions.yaml");
        Files.writeString(file, """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - {id: ok, check: host-port, reason: r, owner: o, expires: 2099-01-01}
                  - {id: no-owner, check: host-port, reason: r, expires: 2099-01-01}
                """);
        Run run = vigil("report", "--framework", "cis", "--exceptions", file.toString(), TASK_API);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil: " + file + ":5: exceptions[1] (id \"no-owner\"): missing owner\n");
        assertThat(run.out())
                .contains("| 5.2.13 | Minimize the admission of containers which use HostPorts | "
                        + "**ACCEPTED** | 0 | 1 | 0 | 1 (1 assessed) |");
    }

    /** A kubeconfig with two contexts, both pointing at {@code server}. */
    Path kubeconfig(String server) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: c
                    cluster: {server: "%s"}
                users:
                  - name: u
                    user: {token: t}
                contexts:
                  - name: prod
                    context: {cluster: c, user: u}
                  - name: staging
                    context: {cluster: c, user: u}
                current-context: prod
                """.formatted(server));
        return file;
    }

    /** A loopback port nothing listens on (bound, then released). */
    static int closedPort() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableClusterIsOneLineNamingServerAndContextAndNoReport() throws Exception {
        String server = "http://127.0.0.1:" + closedPort() + "/";
        Path config = kubeconfig(server);
        for (String[] command : List.of(
                new String[] {"report", "--framework", "cis", "--kubeconfig", config.toString()},
                new String[] {"baseline", "capture", "--kubeconfig", config.toString(), "--context", "staging"})) {
            Run run = vigil(command);
            String context = command[0].equals("report") ? "prod" : "staging";
            String consequence = command[0].equals("report") ? "no report written" : "no baseline written";
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines().toList()).hasSize(1);
            assertThat(run.err())
                    .startsWith("vigil: cannot reach " + server + " (context " + context + "): ")
                    .endsWith("; " + consequence + "\n")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void anUnknownContextFailsAndListsTheContextsThatExist() throws Exception {
        Path config = kubeconfig("http://127.0.0.1:" + closedPort() + "/");
        String expected = "vigil: --context prd: no such context in " + config + " (contexts: prod, staging)\n";
        Run report = vigil("report", "--framework", "soc2", "--kubeconfig", config.toString(), "--context", "prd");
        assertThat(report.exit()).isEqualTo(2);
        assertThat(report.err()).isEqualTo(expected);
        assertThat(report.out()).isEmpty();
        Run capture = vigil("baseline", "capture", "--kubeconfig", config.toString(), "--context", "prd");
        assertThat(capture.exit()).isEqualTo(2);
        assertThat(capture.err()).isEqualTo(expected);
    }

    @Test
    void fromApiErrorsNameTheHttpStatusAndTheServersMessageNeverNull() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort();
        Run unreachable = vigil("report", "--framework", "soc2", "--from-api", closed);
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err())
                .startsWith("vigil: cannot read findings from " + closed + ": GET /api/v1/findings: no answer: ")
                .doesNotContain("null");
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"error\":\"ledger not ready\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Run unavailable = vigil("report", "--framework", "soc2", "--from-api", url);
            assertThat(unavailable.exit()).isEqualTo(2);
            assertThat(unavailable.err())
                    .isEqualTo("vigil: cannot read findings from " + url
                            + ": GET /api/v1/findings: HTTP 503: ledger not ready\n");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void annotationExemptionsOfManifestsAreReportedAsSuppressedWithTheirOwner() throws Exception {
        Path pod = dir.resolve("pod.yaml");
        Files.writeString(pod, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: api
                  namespace: shop
                  annotations:
                    vigil.io/exempt: privileged-container
                    vigil.io/exempt-reason: the CNI agent needs it
                    vigil.io/exempt-owner: net-team@example.com
                    vigil.io/exempt-expires: "2026-12-31"
                spec:
                  containers: [{name: api, image: shop/api:1.0, securityContext: {privileged: true}}]
                """);
        Run run = vigil("report", "--framework", "cis", pod.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("| 5.2.2 | Minimize the admission of privileged containers | **ACCEPTED** | 0 | 1 | 0 |")
                .contains("| `annotation:Pod/shop/api:privileged-container` | `privileged-container` | ")
                .contains("net-team@example.com");
        Run off = vigil("report", "--framework", "cis", "--no-exception-annotations", pod.toString());
        assertThat(off.out())
                .contains("| 5.2.2 | Minimize the admission of privileged containers | **FAIL** | 1 | 0 | 0 |");
    }

    @Test
    void usageErrors() {
        assertThat(vigil("report", "--framework", "soc2").err())
                .isEqualTo("vigil: give exactly one input: manifest PATHs (or - for stdin), --kubeconfig FILE, "
                        + "or --from-api URL\n");
        assertThat(vigil("report", "--framework", "soc2", "--from-api", "http://x", TASK_API)
                        .exit())
                .isEqualTo(2);
        assertThat(vigil("report", "--framework", "pci", TASK_API).err())
                .startsWith(
                        "vigil: Invalid value for "
                                + "option '--framework': expected one of [soc2, hipaa, cis, nsa, checklist] (case-insensitive)");
        Run upper = vigil("report", "--framework", "NSA", "--format", "HTML", TASK_API);
        assertThat(upper.exit()).isZero();
        assertThat(upper.out()).startsWith("<!DOCTYPE html>").contains("NSA/CISA Kubernetes Hardening report");
        assertThat(vigil("report", "--framework", "soc2", "--from-api", "ftp://x")
                        .err())
                .isEqualTo("vigil: --from-api must be an http:// or https:// URL, got \"ftp://x\"\n");
        Run missing = vigil("report", "--framework", "soc2", "no-such-dir");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("no-such-dir: no such file or directory\n");
        assertThat(missing.out()).contains("## Input problems").contains("`no-such-dir: no such file or directory`");
    }

    @Test
    void fromARunningVigilWithATokenFile() throws Exception {
        ManifestReader reader = new ManifestReader("default").readPath(TASK_API, InputStream.nullInputStream());
        Instant first = Instant.parse("2026-05-01T10:00:00Z");
        List<Finding> findings = new Scanner(BuiltInChecks.catalog(), AuditSettings.defaults())
                .scan(reader.result(), first)
                .findings();
        List<TrackedFinding> tracked = findings.stream()
                .map(f -> new TrackedFinding(
                        f, new FindingStatus(first, first.plusSeconds(600), false, false, false, null)))
                .toList();
        Path token = dir.resolve("token");
        Files.writeString(token, "t0ken\n");
        try (FakeVigilApi api = FakeVigilApi.start(tracked, "t0ken", 7)) {
            Run run =
                    vigil("report", "--framework", "hipaa", "--from-api", api.url(), "--token-file", token.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out())
                    .contains("| Input | running Vigil at " + api.url() + ": " + findings.size()
                            + " open findings read at ")
                    .contains("| Period covered | from 2026-05-01T10:00:00Z (first seen of the oldest open finding) to "
                            + "2026-06-01T08:00:00Z |")
                    .contains("| 164.312(a)(1) | Access control | **FAIL** |");
            Run refused = vigil("report", "--framework", "hipaa", "--from-api", api.url());
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err())
                    .isEqualTo("vigil: cannot read findings from " + api.url()
                            + ": GET /api/v1/findings: HTTP 401: invalid bearer token\n");
        }
    }
}
