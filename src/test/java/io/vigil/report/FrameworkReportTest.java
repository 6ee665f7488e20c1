package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.Check;
import io.vigil.check.Family;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.policy.ExceptionSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FrameworkReportTest {
    /** Every SOC 2 control a check maps to, straight from the catalogue (descriptor and family controls). */
    static Set<String> soc2ControlsOfTheCatalogue() {
        Set<String> out = new TreeSet<>();
        for (Check c : BuiltInChecks.catalog().all()) {
            c.descriptor().controls().stream()
                    .filter(x -> x.startsWith("SOC2:"))
                    .forEach(out::add);
            c.descriptor().family().controls().stream()
                    .filter(x -> x.startsWith("SOC2:"))
                    .forEach(out::add);
        }
        Family.BASELINE.controls().stream().filter(x -> x.startsWith("SOC2:")).forEach(out::add);
        return out;
    }

    static long count(List<Finding> findings, String control, Predicate<Finding> extra) {
        return findings.stream()
                .filter(f -> f.controls().contains(control))
                .filter(extra)
                .count();
    }

    @Test
    void soc2ForTheTaskApiListsEveryMappedControlWithCountsFromTheScan() {
        List<Finding> scan = TaskApi.scanFindings();
        FrameworkReport report =
                FrameworkReport.build(TaskApi.input(ExceptionSet.empty()), BuiltInChecks.catalog(), Framework.SOC2, 5);

        assertThat(report.controls())
                .extracting(FrameworkReport.ControlResult::control)
                .containsExactlyInAnyOrderElementsOf(soc2ControlsOfTheCatalogue());
        assertThat(report.controls())
                .extracting(FrameworkReport.ControlResult::id)
                .containsExactly("CC6.1", "CC6.3", "CC6.6", "CC6.7", "CC6.8", "CC7.1", "CC7.2", "CC8.1", "A1.1");
        for (FrameworkReport.ControlResult c : report.controls()) {
            long expected = count(scan, c.control(), f -> true);
            assertThat(c.counts()).as(c.control()).isEqualTo(new Counts((int) expected, 0, 0));
            assertThat(c.findings()).as(c.control()).hasSize((int) expected);
            assertThat(c.status()).as(c.control()).isEqualTo(expected > 0 ? Status.FAIL : Status.NOT_APPLICABLE);
        }
        assertThat(report.control("CC7.2").orElseThrow().status())
                .as("control plane not visible in manifests")
                .isEqualTo(Status.NOT_APPLICABLE);
        assertThat(report.mappedFindings()).isEqualTo(scan.size());
    }

    @Test
    void checksPerControlComeFromTheCatalogueWithTheirOwnCountsAndCoverage() {
        FrameworkReport report =
                FrameworkReport.build(TaskApi.input(ExceptionSet.empty()), BuiltInChecks.catalog(), Framework.SOC2, 5);
        FrameworkReport.ControlResult a11 = report.control("A1.1").orElseThrow();
        assertThat(a11.checks())
                .extracting(r -> r.check().id())
                .containsExactly("resources-missing-limits", "resources-missing-requests");
        assertThat(a11.checks())
                .extracting(FrameworkReport.CheckRow::counts)
                .containsExactly(new Counts(2, 0, 0), new Counts(2, 0, 0));
        FrameworkReport.ControlResult cc81 = report.control("CC8.1").orElseThrow();
        assertThat(cc81.checks()).extracting(r -> r.check().id()).contains("image-latest-tag", "baseline-drift");
        FrameworkReport.CheckRow drift = cc81.checks().stream()
                .filter(r -> r.check().id().equals("baseline-drift"))
                .findFirst()
                .orElseThrow();
        assertThat(drift.assessed()).isFalse();
        assertThat(drift.notAssessedReason()).isEqualTo("no baseline given");
        FrameworkReport.CheckRow vulnerable = cc81.checks().stream()
                .filter(r -> r.check().id().equals("image-vulnerable"))
                .findFirst()
                .orElseThrow();
        assertThat(vulnerable.notAssessedReason()).isEqualTo("no Trivy Operator VulnerabilityReports in the input");
        assertThat(a11.examples(1)).extracting(t -> t.finding().checkId()).containsExactly("resources-missing-limits");
    }

    @Test
    void exceptionsSuppressFindingsAndAppearWithOwnerAndExpiry() {
        List<Finding> scan = TaskApi.scanFindings();
        FrameworkReport report =
                FrameworkReport.build(TaskApi.input(TaskApi.exceptions()), BuiltInChecks.catalog(), Framework.SOC2, 5);
        // docs/examples/exceptions.yaml: host-port on Deployment task-api-dev/task-api until 2027-01-31 (active);
        // resources-missing-requests in task-api-dev until 2026-01-15 (expired at 2026-06-01)
        Predicate<Finding> suppressed = f -> f.checkId().equals("host-port")
                && "task-api-dev".equals(f.resource().namespace())
                && f.resource().name().equals("task-api");
        for (FrameworkReport.ControlResult c : report.controls()) {
            long all = count(scan, c.control(), f -> true);
            long s = count(scan, c.control(), suppressed);
            assertThat(c.counts()).as(c.control()).isEqualTo(new Counts((int) (all - s), (int) s, 0));
        }
        FrameworkReport.ControlResult cc68 = report.control("CC6.8").orElseThrow();
        assertThat(cc68.counts().suppressed()).isEqualTo(1);
        assertThat(cc68.exceptions())
                .containsExactly(new ExceptionRow(
                        "task-api-dev-hostport",
                        "host-port",
                        "namespace=task-api-dev, kind=Deployment, name=task-api",
                        "task-api-team@example.com",
                        "SEC-101",
                        "the dev cluster has no ingress; the host port stands in for it until the gateway lands",
                        java.time.Instant.parse("2027-01-31T00:00:00Z"),
                        "active",
                        1));
        FrameworkReport.ControlResult a11 = report.control("A1.1").orElseThrow();
        assertThat(a11.exceptions())
                .extracting(ExceptionRow::id, ExceptionRow::state, ExceptionRow::suppressing)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("task-api-dev-resources", "expired", 0));
        assertThat(a11.counts()).isEqualTo(new Counts(4, 0, 0));

        String md = MarkdownRenderer.render(
                FrameworkReport.build(TaskApi.input(TaskApi.exceptions()), BuiltInChecks.catalog(), Framework.SOC2, 50)
                        .toDoc());
        assertThat(md)
                .contains("| `task-api-dev-hostport` | `host-port` | namespace=task-api-dev, kind=Deployment, "
                        + "name=task-api | task-api-team@example.com | 2027-01-31T00:00:00Z | SEC-101 | the dev cluster has no "
                        + "ingress; the host port stands in for it until the gateway lands | active | 1 |");
        assertThat(md)
                .contains("| `task-api-dev-resources` | `resources-missing-requests` | namespace=task-api-dev | "
                        + "task-api-team@example.com | 2026-01-15T00:00:00Z | SEC-102 | requests are tuned after the load test "
                        + "| expired | 0 |");
        assertThat(md)
                .contains("| suppressed by task-api-dev-hostport until 2027-01-31T00:00:00Z | medium | "
                        + "`host-port` | Deployment task-api-dev/task-api |");
        assertThat(md).contains("| `host-port` | hostPort set | medium | 0 | 1 | 0 | yes |");
    }

    @Test
    void cisAndHipaaListTheirControlsInNaturalOrder() {
        FrameworkReport cis =
                FrameworkReport.build(TaskApi.input(ExceptionSet.empty()), BuiltInChecks.catalog(), Framework.CIS, 3);
        List<String> ids =
                cis.controls().stream().map(FrameworkReport.ControlResult::id).toList();
        assertThat(ids).startsWith("1.2.1", "1.2.16", "1.2.27", "1.2.28", "3.2.1", "5.1.1", "5.1.2");
        assertThat(ids.indexOf("5.2.9")).isLessThan(ids.indexOf("5.2.10"));
        assertThat(cis.control("5.1.3").orElseThrow().counts()).isEqualTo(new Counts(3, 0, 0));
        assertThat(cis.control("5.1.3").orElseThrow().text().title())
                .isEqualTo("Minimize wildcard use in Roles and ClusterRoles");
        FrameworkReport hipaa =
                FrameworkReport.build(TaskApi.input(ExceptionSet.empty()), BuiltInChecks.catalog(), Framework.HIPAA, 3);
        assertThat(hipaa.controls())
                .extracting(FrameworkReport.ControlResult::id)
                .containsExactly(
                        "164.308(a)(5)(ii)(B)",
                        "164.308(a)(7)(ii)(B)",
                        "164.312(a)(1)",
                        "164.312(a)(2)(iv)",
                        "164.312(b)",
                        "164.312(c)(1)",
                        "164.312(d)",
                        "164.312(e)(1)");
    }

    @Test
    void nsaReportsEachSectionOfTheGuidanceInItsOrderWithItsEvidence() {
        ReportInput input = TaskApi.input(ExceptionSet.empty());
        FrameworkReport nsa = FrameworkReport.build(input, BuiltInChecks.catalog(), Framework.NSA, 3);
        assertThat(nsa.controls())
                .extracting(FrameworkReport.ControlResult::id)
                .containsExactly("pod-security", "network-separation", "authentication-authorization", "audit-logging");
        for (FrameworkReport.ControlResult c : nsa.controls()) {
            long expected = input.findings().stream()
                    .filter(t -> t.finding().controls().contains("NSA:" + c.id()))
                    .count();
            assertThat(c.counts().total()).as(c.id()).isEqualTo(expected);
            assertThat(c.text().statement())
                    .as(c.id())
                    .startsWith("NSA/CISA v1.2, " + c.text().title() + ": ");
        }
        FrameworkReport.ControlResult pods = nsa.control("pod-security").orElseThrow();
        assertThat(pods.status()).isEqualTo(Status.FAIL);
        assertThat(pods.checks())
                .extracting(r -> r.check().family().label())
                .contains("pod-security", "service-account", "images");
        assertThat(nsa.control("authentication-authorization").orElseThrow().checks())
                .extracting(r -> r.check().id())
                .contains("rbac-wildcard-verb", "rbac-cluster-admin-binding");
        String md = MarkdownRenderer.render(nsa.toDoc());
        assertThat(md)
                .startsWith("# NSA/CISA Kubernetes Hardening report: cluster default\n")
                .contains("| Framework | NSA/CISA Kubernetes Hardening Guidance v1.2 (August 2022): one control per "
                        + "section |")
                .contains("### pod-security — Kubernetes Pod security\n");
    }
}
