package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.vigil.checks.BuiltInChecks;
import io.vigil.cli.VigilCommand;
import io.vigil.demo.DemoScenario;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.Kinds;
import io.vigil.report.CheckInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil report --kubeconfig} against an API server whose expectations answer 403 to the LIST of Roles and
 * RoleBindings (the rest is the demo's Task API, served in CRUD mode): the report is written, names both kinds in
 * "Not audited", never shows a control that reads them as passing, and exits 2; {@code baseline capture} refuses.
 */
class ReportForbiddenKindsIT {
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final List<String> FORBIDDEN = List.of("roles", "rolebindings");

    @TempDir
    Path dir;

    private EmbeddedCluster cluster;

    @BeforeEach
    void start() {
        cluster = EmbeddedCluster.startWithDapr();
        DemoScenario.seed(cluster);
        for (String plural : FORBIDDEN) {
            String forbidden = new ObjectMapper()
                    .valueToTree(new StatusBuilder()
                            .withStatus("Failure")
                            .withReason("Forbidden")
                            .withCode(403)
                            .withMessage(plural + "." + RBAC + " is forbidden: User \"auditor\" cannot list resource \""
                                    + plural + "\" in API group \"" + RBAC + "\" at the cluster scope")
                            .build())
                    .toString();
            cluster.server()
                    .expect()
                    .get()
                    .withPath("/apis/" + RBAC + "/v1/" + plural)
                    .andReturn(403, forbidden)
                    .always();
        }
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

    @Test
    void forbiddenKindsAreNotAuditedNeverPassingAndTheExitIsTwo() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: demo, cluster: {server: "%s"}}]
                users: [{name: auditor, user: {token: t}}]
                contexts: [{name: audit, context: {cluster: demo, user: auditor}}]
                current-context: audit
                """.formatted(cluster.url()));

        Run cis = vigil("report", "--framework", "cis", "--kubeconfig", kubeconfig.toString());
        assertThat(cis.exit()).isEqualTo(2);
        assertThat(cis.err())
                .isEqualTo("vigil: not audited: Role (LIST roles: HTTP 403: roles." + RBAC
                        + " is forbidden: User \"auditor\" cannot list resource \"roles\" in API group \"" + RBAC
                        + "\" at the cluster scope)\n"
                        + "vigil: not audited: RoleBinding (LIST rolebindings: HTTP 403: rolebindings."
                        + RBAC + " is forbidden: User \"auditor\" cannot list resource \"rolebindings\" in API group \""
                        + RBAC + "\" at the cluster scope)\n");
        assertThat(cis.out())
                .contains("(context audit)")
                .contains("2 kinds could not be listed (see Not audited)")
                .contains("## Not audited")
                .contains("| `Role` | LIST roles: HTTP 403: ")
                .contains("| `RoleBinding` | LIST rolebindings: HTTP 403: ");

        Set<String> readingRbac = new TreeSet<>();
        for (CheckInfo c : CheckInfo.all(BuiltInChecks.catalog())) {
            if (c.descriptor() != null
                    && (c.descriptor().subjectKinds().contains(Kinds.ROLE)
                            || c.descriptor().subjectKinds().contains(Kinds.ROLE_BINDING))) {
                c.controls().stream()
                        .filter(k -> k.startsWith("CIS:"))
                        .map(k -> k.substring(4))
                        .forEach(readingRbac::add);
            }
        }
        assertThat(readingRbac).contains("5.1.1", "5.1.3", "5.1.8");
        List<String> summaryRows = cis.out()
                .lines()
                .filter(l -> readingRbac.stream().anyMatch(id -> l.startsWith("| " + id + " | ")))
                .toList();
        assertThat(summaryRows).hasSize(readingRbac.size());
        assertThat(summaryRows).allSatisfy(l -> assertThat(l).containsAnyOf("**NOT AUDITED**", "**FAIL**"));
        assertThat(summaryRows).anySatisfy(l -> assertThat(l).contains("**NOT AUDITED**"));

        Run checklist = vigil("report", "--framework", "checklist", "--kubeconfig", kubeconfig.toString());
        assertThat(checklist.exit()).isEqualTo(2);
        assertThat(checklist.out()).contains("## Not audited").contains("NOT AUDITED");

        Path baseline = dir.resolve("baseline.yaml");
        Run capture = vigil("baseline", "capture", "--kubeconfig", kubeconfig.toString(), "-o", baseline.toString());
        assertThat(capture.exit()).isEqualTo(2);
        assertThat(capture.err())
                .startsWith("vigil: " + cluster.url() + " (context audit): LIST roles: HTTP 403: ")
                .contains("; LIST rolebindings: HTTP 403: ")
                .endsWith("; no baseline written (it would miss every object of those kinds)\n");
        assertThat(baseline).doesNotExist();
    }
}
