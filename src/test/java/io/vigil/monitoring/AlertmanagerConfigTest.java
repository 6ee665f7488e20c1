package io.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testing.DebianTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** alerts/alertmanager.yaml: amtool accepts it, and routes put drift, criticals and warnings where they belong. */
class AlertmanagerConfigTest {
    private static final String CONFIG = "--config.file=" + MonitoringSources.ALERTMANAGER;

    private static Command route(Path amtool, String receivers, String... labels) {
        List<String> args =
                new ArrayList<>(List.of("config", "routes", "test", CONFIG, "--verify.receivers=" + receivers));
        args.addAll(List.of(labels));
        return Command.run(amtool, args.toArray(String[]::new));
    }

    @Test
    void amtoolAcceptsTheConfiguration() {
        Path amtool = DebianTool.require("amtool", "prometheus-alertmanager");
        Command check = Command.run(amtool, "check-config", MonitoringSources.ALERTMANAGER.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS", "1 inhibit rules", "3 receivers");
    }

    @Test
    void aDriftPagesAndReachesTheSiem() {
        Path amtool = DebianTool.require("amtool", "prometheus-alertmanager");
        Command drift =
                route(amtool, "siem,pager", "alertname=VigilDriftDetected", "severity=critical", "cluster=prod");
        assertThat(drift.exitCode()).as(drift.output()).isZero();
        assertThat(drift.output().strip().lines().toList()).contains("siem,pager");
    }

    @Test
    void aCriticalFindingPagesAndAWarningOpensATicket() {
        Path amtool = DebianTool.require("amtool", "prometheus-alertmanager");
        Command critical = route(
                amtool,
                "siem,pager",
                "alertname=VigilCriticalFindingOpen",
                "severity=critical",
                "cluster=prod",
                "check=privileged-container");
        Command warning = route(
                amtool, "siem,tickets", "alertname=VigilExceptionExpiringSoon", "severity=warning", "cluster=prod");
        Command wrong =
                route(amtool, "siem,pager", "alertname=VigilExceptionExpiringSoon", "severity=warning", "cluster=prod");

        assertThat(critical.exitCode()).as(critical.output()).isZero();
        assertThat(warning.exitCode()).as(warning.output()).isZero();
        assertThat(wrong.exitCode())
                .as("amtool really verifies: " + wrong.output())
                .isNotZero();
    }

    @Test
    void quietHoursMuteTicketsButNeverPages() {
        Path amtool = DebianTool.require("amtool", "prometheus-alertmanager");
        Command warning =
                route(amtool, "siem,tickets", "alertname=VigilCheckErrors", "severity=warning", "check=x", "cluster=p");
        assertThat(warning.exitCode()).as(warning.output()).isZero();

        JsonNode config = MonitoringSources.read(MonitoringSources.ALERTMANAGER);
        JsonNode routes = config.at("/route/routes");
        JsonNode tickets = routes.get(2);
        assertThat(tickets.path("receiver").asText()).isEqualTo("tickets");
        assertThat(tickets.path("mute_time_intervals").get(0).asText()).isEqualTo("quiet-hours");
        assertThat(routes.get(1).path("receiver").asText()).isEqualTo("pager");
        assertThat(routes.get(1).has("mute_time_intervals")).isFalse();
        assertThat(config.at("/time_intervals/0/name").asText()).isEqualTo("quiet-hours");
        assertThat(config.at("/route/group_by").toString()).isEqualTo("[\"cluster\",\"alertname\",\"check\"]");
        assertThat(config.at("/inhibit_rules/0/equal").toString()).isEqualTo("[\"cluster\",\"check\"]");
    }
}
