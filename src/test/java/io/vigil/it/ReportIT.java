package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.check.AuditSettings;
import io.vigil.cli.VigilCommand;
import io.vigil.demo.DemoScenario;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.Finding;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.RunningVigil;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil report} against a live API server (the demo's, seeded with the Task API) through a kubeconfig,
 * and against a running Vigil's HTTP API: the same verdicts as from the manifests, counts as the oracle says.
 */
class ReportIT {
    @TempDir
    Path dir;

    private EmbeddedCluster cluster;

    @BeforeEach
    void start() {
        cluster = EmbeddedCluster.startWithDapr();
        DemoScenario.seed(cluster);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    record Run(int exit, String out, String err) {}

    static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path kubeconfig() throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: demo
                    cluster: {server: "%s"}
                users:
                  - name: admin
                    user: {token: demo-token}
                contexts:
                  - name: demo
                    context: {cluster: demo, user: admin}
                current-context: demo
                """.formatted(cluster.url()));
        return file;
    }

    /** Open findings per SOC 2 control, as the report's summary table must show them. */
    static <T> Map<String, Long> soc2Counts(List<T> findings, Function<T, Finding> finding) {
        Map<String, Long> out = new TreeMap<>();
        for (T t : findings) {
            for (String c : finding.apply(t).controls()) {
                if (c.startsWith("SOC2:")) {
                    out.merge(c.substring(5), 1L, Long::sum);
                }
            }
        }
        return out;
    }

    static void assertSummary(String md, Map<String, Long> counts) {
        counts.forEach((control, n) -> assertThat(md)
                .contains("| " + control + " | ")
                .containsPattern("\\| " + java.util.regex.Pattern.quote(control)
                        + " \\| [^|]+ \\| \\*\\*FAIL\\*\\* \\| " + n + " \\| 0 \\| 0 \\|"));
    }

    @Test
    void fromALiveClusterThroughAKubeconfig() throws Exception {
        Path kubeconfig = kubeconfig();
        Run checklist =
                vigil("report", "--framework", "checklist", "--kubeconfig", kubeconfig.toString(), "--context", "demo");
        assertThat(checklist.err()).isEmpty();
        assertThat(checklist.exit()).isZero();
        assertThat(checklist.out())
                .contains("| Input | cluster " + cluster.url())
                .contains("| task-api | **PASS** | **PASS** | **PASS** | **PASS** | **PASS** | **PASS** | **PASS** | "
                        + "**NO EVIDENCE** | **PASS** | — | **NO EVIDENCE** |")
                .contains(
                        "| task-api-dev | **FAIL** | **FAIL** | **FAIL** | **FAIL** | **FAIL** | **FAIL** | **FAIL** | "
                                + "**FAIL** | **FAIL** | — | **FAIL** |");

        List<Finding> oracle = FreshEvaluation.findings(cluster.newClient(), AuditSettings.defaults());
        Run soc2 = vigil("report", "--framework", "soc2", "--kubeconfig", kubeconfig.toString());
        assertThat(soc2.exit()).isZero();
        assertThat(soc2.out()).contains("| Findings | " + oracle.size() + " in the input, ");
        assertSummary(soc2.out(), soc2Counts(oracle, f -> f));
    }

    @Test
    void fromARunningVigil() throws Exception {
        try (RunningVigil vigil = RunningVigil.start(cluster.newClient(), RunningVigil.fastPipeline())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> vigil.service().ready());
            List<Finding> oracle = FreshEvaluation.findings(cluster.newClient(), AuditSettings.defaults());
            await().atMost(Duration.ofSeconds(20)).until(() -> vigil.open().size() == oracle.size());
            List<TrackedFinding> open = vigil.open();
            Path token = dir.resolve("token");
            Files.writeString(token, RunningVigil.TOKEN + "\n");
            Run soc2 = vigil(
                    "report", "--framework", "soc2", "--from-api", vigil.baseUrl(), "--token-file", token.toString());
            assertThat(soc2.err()).isEmpty();
            assertThat(soc2.exit()).isZero();
            assertThat(soc2.out())
                    .contains("| Input | running Vigil at " + vigil.baseUrl() + ": " + open.size()
                            + " open findings read at ");
            assertSummary(soc2.out(), soc2Counts(open, TrackedFinding::finding));
            Run checklist = vigil(
                    "report",
                    "--framework",
                    "checklist",
                    "--from-api",
                    vigil.baseUrl(),
                    "--token-file",
                    token.toString());
            assertThat(checklist.out())
                    .contains("| task-api-dev | **FAIL** | **FAIL** | **NO FINDINGS** | **FAIL** | "
                            + "**FAIL** | **FAIL** | **FAIL** | **FAIL** | **FAIL** | — | **FAIL** |");
        }
    }
}
