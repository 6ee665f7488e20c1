package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.demo.DemoCommand;
import io.vigil.demo.DemoScenario;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.monitoring.MonitoringSources;
import io.vigil.testing.AlertWebhook;
import io.vigil.testing.DebianTool;
import io.vigil.testing.Http;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ServerProcess;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The proof of issue 9 on real components: Debian's Prometheus scrapes a running Vigil with the shipped rules,
 * Debian's Alertmanager routes with the shipped configuration (receivers pointed at this test's webhook), and
 * a drift in the cluster pages within seconds, then resolves; every dashboard query runs against that
 * Prometheus. With {@code -Dvigil.renderPosture=docs/img/posture.png} it also draws the posture dashboard.
 */
class AlertingEndToEndIT {
    static final String CLUSTER = "e2e";
    private static final Set<String> CORE_PANELS = Set.of(
            "Open findings",
            "Baseline",
            "Open findings by severity",
            "Open findings by family",
            "Top offending checks",
            "Open findings over time",
            "Replicas up",
            "Last full evaluation",
            "Watch events per second by kind",
            "Queue depth",
            "Informer states",
            "Cached objects by kind",
            "JVM heap");

    @Test
    void aDriftPagesWithinSecondsAndResolvesAndEveryPanelQueryRuns() throws Exception {
        Path prometheusBin = DebianTool.require("prometheus", "prometheus");
        Path alertmanagerBin = DebianTool.require("prometheus-alertmanager", "prometheus-alertmanager");
        Path dir = Files.createTempDirectory("vigil-alerting");
        List<ServerProcess> servers = new ArrayList<>();
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr();
                AlertWebhook webhook = new AlertWebhook()) {
            DemoScenario.seed(cluster);
            try (KubernetesClient client = cluster.newClient();
                    RunningVigil vigil = RunningVigil.start(client)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> vigil.readyz().statusCode() == 200);
                DemoCommand.captureBaseline(vigil.service());

                int amPort = ServerProcess.freePort();
                Files.writeString(dir.resolve("alertmanager.yaml"), alertmanagerConfig(webhook));
                servers.add(ServerProcess.start(
                        "alertmanager",
                        dir.resolve("alertmanager.log"),
                        List.of(
                                alertmanagerBin.toString(),
                                "--config.file=" + dir.resolve("alertmanager.yaml"),
                                "--storage.path=" + dir.resolve("am-data"),
                                "--web.listen-address=127.0.0.1:" + amPort,
                                "--cluster.listen-address=")));
                int promPort = ServerProcess.freePort();
                Files.writeString(dir.resolve("vigil.rules.yaml"), rulesWithShortFor());
                Files.writeString(
                        dir.resolve("prometheus.yaml"),
                        prometheusConfig(amPort, vigil.service().httpPort()));
                servers.add(ServerProcess.start(
                        "prometheus",
                        dir.resolve("prometheus.log"),
                        List.of(
                                prometheusBin.toString(),
                                "--config.file=" + dir.resolve("prometheus.yaml"),
                                "--storage.tsdb.path=" + dir.resolve("prom-data"),
                                "--web.listen-address=127.0.0.1:" + promPort)));
                Prometheus prometheus = new Prometheus("http://127.0.0.1:" + promPort);
                try {
                    scenario(cluster, webhook, prometheus, servers, "http://127.0.0.1:" + amPort);
                } catch (Throwable t) {
                    StringBuilder tails = new StringBuilder();
                    servers.forEach(s -> tails.append('\n').append(s.tail(40)));
                    throw new AssertionError(t.getMessage() + tails, t);
                }
            }
        } finally {
            servers.forEach(ServerProcess::close);
        }
    }

    private void scenario(
            EmbeddedCluster cluster,
            AlertWebhook webhook,
            Prometheus prometheus,
            List<ServerProcess> servers,
            String alertmanager)
            throws Exception {
        servers.forEach(s -> assertThat(s.alive()).as(s.tail(40)).isTrue());
        // a server still starting refuses connections: wait through that, for up == 1 (DESIGN §10)
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            servers.forEach(s -> assertThat(s.alive()).as(s.tail(40)).isTrue());
            return Http.get(alertmanager + "/-/ready").statusCode() == 200
                    && prometheus.value("max(up{job=\"vigil\", cluster=\"" + CLUSTER + "\"})") == 1.0;
        });
        // the seeded posture is the baseline: nothing drifts yet
        await().atMost(Duration.ofSeconds(20))
                .until(() -> prometheus.value("sum(vigil:findings_open:max{baselined=\"true\"})") > 0);
        assertThat(prometheus.series("ALERTS{alertname=\"VigilDriftDetected\"}"))
                .isEmpty();

        Instant changed = Instant.now();
        DemoScenario.grantEverything(cluster.admin());
        AlertWebhook.Notification page = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> webhook.notifications().stream()
                                .filter(n -> n.receiver().equals("pager"))
                                .filter(n -> !n.alerts("VigilDriftDetected", "firing")
                                        .isEmpty())
                                .findFirst(),
                        java.util.Optional::isPresent)
                .get();
        double seconds = Duration.between(changed, page.received()).toMillis() / 1000.0;
        System.out.printf("drift to page: %.1f s (VigilDriftDetected at the pager webhook)%n", seconds);
        JsonNode alert = page.alerts("VigilDriftDetected", "firing").get(0);
        assertThat(alert.path("labels"))
                .isEqualTo(MonitoringSources.JSON.readTree(
                        "{\"alertname\":\"VigilDriftDetected\",\"cluster\":\"e2e\",\"severity\":\"critical\"}"));
        assertThat(alert.at("/annotations/summary").asText())
                .isEqualTo("Cluster e2e drifted from its audited baseline");
        assertThat(alert.at("/annotations/runbook_url").asText()).endsWith("docs/runbooks.md#vigildriftdetected");
        assertThat(page.payload().path("groupLabels").toString()).contains("\"cluster\":\"e2e\"");
        // Alertmanager notifies each receiver on its own: the SIEM's copy may arrive just after the page
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(webhook.notifications())
                        .as("the SIEM receives it too")
                        .anyMatch(n -> n.receiver().equals("siem")
                                && !n.alerts("VigilDriftDetected", "firing").isEmpty()));
        assertThat(seconds).as("drift to page").isLessThan(10.0);

        // a rate() panel has data once two scrapes saw its counter: retry emptiness, never a failed query
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> new Dashboards(prometheus, CORE_PANELS).runEveryPanelQuery());
        String render = System.getProperty("vigil.renderPosture");
        if (render != null) {
            PostureRender.render(prometheus, Path.of(render));
        }

        cluster.admin()
                .rbac()
                .clusterRoleBindings()
                .withName(DemoScenario.DRIFT_ROLE)
                .delete();
        cluster.admin().rbac().clusterRoles().withName(DemoScenario.DRIFT_ROLE).delete();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> webhook.notifications().stream()
                        .anyMatch(n -> n.receiver().equals("pager")
                                && !n.alerts("VigilDriftDetected", "resolved").isEmpty()));
    }

    /** The shipped rules with every {@code for:} shortened to 0s, nothing else changed. */
    static String rulesWithShortFor() throws Exception {
        JsonNode rules = MonitoringSources.read(MonitoringSources.RULES);
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("for")) {
                    ((ObjectNode) rule).put("for", "0s");
                }
            }
        }
        return MonitoringSources.YAML.writeValueAsString(rules);
    }

    /** The shipped Alertmanager configuration: receivers to the webhook, fast grouping, no quiet hours. */
    static String alertmanagerConfig(AlertWebhook webhook) throws Exception {
        ObjectNode config = (ObjectNode) MonitoringSources.read(MonitoringSources.ALERTMANAGER);
        for (JsonNode receiver : config.path("receivers")) {
            ObjectNode r = (ObjectNode) receiver;
            String name = r.path("name").asText();
            r.retain("name");
            ArrayNode hooks = r.putArray("webhook_configs");
            hooks.addObject().put("url", webhook.url(name)).put("send_resolved", true);
        }
        fastRoute((ObjectNode) config.path("route"));
        config.remove("time_intervals");
        return MonitoringSources.YAML.writeValueAsString(config);
    }

    private static void fastRoute(ObjectNode route) {
        route.put("group_wait", "0s");
        route.put("group_interval", "1s");
        route.put("repeat_interval", "1m");
        route.remove("mute_time_intervals");
        for (JsonNode child : route.path("routes")) {
            fastRoute((ObjectNode) child);
        }
    }

    static String prometheusConfig(int alertmanagerPort, int vigilPort) {
        return """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [vigil.rules.yaml]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:%d"]
                scrape_configs:
                  - job_name: vigil
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                        labels: {cluster: %s}
                """.formatted(alertmanagerPort, vigilPort, CLUSTER);
    }

    /** Prometheus' HTTP API: instant and range queries; an error status fails with the query named. */
    record Prometheus(String url) {
        JsonNode query(String path, String promql, Map<String, String> params) {
            StringBuilder q =
                    new StringBuilder(url + path + "?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            params.forEach((k, v) -> q.append('&').append(k).append('=').append(v));
            HttpResponse<String> r = Http.get(q.toString());
            try {
                JsonNode body = MonitoringSources.JSON.readTree(r.body());
                assertThat(body.path("status").asText())
                        .as(promql + ": " + r.body())
                        .isEqualTo("success");
                return body.path("data").path("result");
            } catch (java.io.IOException e) {
                throw new AssertionError(promql + ": " + r.body(), e);
            }
        }

        JsonNode series(String promql) {
            return query("/api/v1/query", promql, Map.of());
        }

        JsonNode range(String promql, Duration back) {
            long now = Instant.now().getEpochSecond();
            return query(
                    "/api/v1/query_range",
                    promql,
                    Map.of("start", Long.toString(now - back.toSeconds()), "end", Long.toString(now), "step", "2"));
        }

        /** The single value of a one-series instant query; NaN when it has none. */
        double value(String promql) {
            JsonNode result = series(promql);
            return result.isEmpty() ? Double.NaN : result.get(0).at("/value/1").asDouble();
        }
    }
}
