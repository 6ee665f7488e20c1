package io.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testing.DebianTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** alerts/vigil.rules.yaml: valid for promtool, unit-tested, and every alert documented and routable. */
class AlertRulesTest {
    static final List<String> ALERTS = List.of(
            "VigilDriftDetected",
            "VigilCriticalFindingOpen",
            "VigilNewHighFindings",
            "VigilExceptionExpiringSoon",
            "VigilExceptionExpired",
            "VigilAuditStale",
            "VigilInformerNotSynced",
            "VigilWatchForbidden",
            "VigilKafkaOutboxBacklog",
            "VigilKafkaOutboxFull",
            "VigilPublishLatencyHigh",
            "VigilNoLeader",
            "VigilCheckErrors",
            "VigilDecodeErrors",
            "VigilDown",
            "VigilBaselineChanged");
    private static final String RUNBOOKS = "https://github.com/vigil-audit/vigil/blob/main/docs/runbooks.md#";

    static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : MonitoringSources.read(MonitoringSources.RULES).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.put(rule.path("alert").asText(), rule);
                }
            }
        }
        return alerts;
    }

    @Test
    void promtoolAcceptsTheRules() {
        Path promtool = DebianTool.require("promtool", "prometheus");
        Command check = Command.run(promtool, "check", "rules", MonitoringSources.RULES.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 21 rules found");
    }

    @Test
    void promtoolUnitTestsPass() {
        Path promtool = DebianTool.require("promtool", "prometheus");
        Command test = Command.run(promtool, "test", "rules", MonitoringSources.RULE_TESTS.toString());
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasSeverityAnnotationsAndARunbookSection() throws IOException {
        Map<String, JsonNode> alerts = alerts();
        assertThat(alerts.keySet()).containsExactlyInAnyOrderElementsOf(ALERTS);
        String runbooks = Files.readString(Path.of("docs/runbooks.md"));
        for (Map.Entry<String, JsonNode> a : alerts.entrySet()) {
            JsonNode rule = a.getValue();
            assertThat(rule.at("/labels/severity").asText()).as(a.getKey()).isIn("critical", "warning");
            assertThat(rule.at("/annotations/summary").asText()).as(a.getKey()).isNotBlank();
            assertThat(rule.at("/annotations/description").asText())
                    .as(a.getKey())
                    .containsAnyOf("{{ $labels.cluster }}", "{{ with $labels.cluster }}");
            assertThat(rule.at("/annotations/runbook_url").asText())
                    .as(a.getKey())
                    .isEqualTo(RUNBOOKS + a.getKey().toLowerCase(Locale.ROOT));
            assertThat(runbooks).as("docs/runbooks.md section").contains("\n## " + a.getKey() + "\n");
        }
    }

    @Test
    void everyAlertIsUnitTestedFiringNotFiringAndResolved() {
        Map<String, List<Integer>> cases = new LinkedHashMap<>();
        for (JsonNode test :
                MonitoringSources.read(MonitoringSources.RULE_TESTS).path("tests")) {
            for (JsonNode c : test.path("alert_rule_test")) {
                cases.computeIfAbsent(c.path("alertname").asText(), k -> new ArrayList<>())
                        .add(c.path("exp_alerts").size());
            }
        }
        Set<String> untested = new TreeSet<>(ALERTS);
        untested.removeAll(cases.keySet());
        assertThat(untested).isEmpty();
        cases.forEach((alert, sizes) -> {
            int fires =
                    sizes.indexOf(sizes.stream().filter(n -> n > 0).findFirst().orElse(-1));
            assertThat(fires).as(alert + ": a case where it fires").isPositive();
            assertThat(sizes.subList(0, fires))
                    .as(alert + ": a case before, where it does not")
                    .contains(0);
            assertThat(sizes.subList(fires, sizes.size()))
                    .as(alert + ": a case after, where it resolved")
                    .contains(0);
        });
    }
}
