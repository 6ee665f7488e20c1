package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.monitoring.MonitoringSources;
import io.vigil.monitoring.MonitoringSources.PanelQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** Runs every panel query of every shipped dashboard against a live Prometheus, as Grafana would. */
final class Dashboards {
    private final AlertingEndToEndIT.Prometheus prometheus;
    private final Set<String> corePanels;

    Dashboards(AlertingEndToEndIT.Prometheus prometheus, Set<String> corePanels) {
        this.prometheus = prometheus;
        this.corePanels = corePanels;
    }

    /** Grafana's variables as the test's scrape has them. */
    static String substitute(String expr) {
        return expr.replace("$cluster", AlertingEndToEndIT.CLUSTER)
                .replace("$framework", ".*")
                .replace("$__rate_interval", "30s");
    }

    void runEveryPanelQuery() {
        Set<String> seenCore = new TreeSet<>();
        int queries = 0;
        for (Path dashboard : MonitoringSources.dashboards()) {
            for (PanelQuery q : MonitoringSources.panelQueries(dashboard)) {
                String expr = substitute(q.expr());
                JsonNode result = q.range() ? prometheus.range(expr, Duration.ofSeconds(60)) : prometheus.series(expr);
                queries++;
                if (corePanels.contains(q.panel())) {
                    assertThat(result)
                            .as(dashboard + " panel " + q.panel() + ": " + expr)
                            .isNotEmpty();
                    seenCore.add(q.panel());
                }
            }
        }
        assertThat(seenCore).isEqualTo(corePanels);
        System.out.printf("%d panel queries ran against Prometheus, none failed%n", queries);
    }
}
