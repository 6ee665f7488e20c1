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

    @Test
    void usageErrors() {
        assertThat(vigil("report", "--framework", "soc2").err())
                .isEqualTo("vigil: give exactly one input: manifest PATHs (or - for stdin), --kubeconfig FILE, "
                        + "or --from-api URL\n");
        assertThat(vigil("report", "--framework", "soc2", "--from-api", "http://x", TASK_API)
                        .exit())
                .isEqualTo(2);
        assertThat(vigil("report", "--framework", "pci", TASK_API).err())
                .startsWith("vigil: Invalid value for "
                        + "option '--framework': expected one of [soc2, hipaa, cis, checklist]");
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
