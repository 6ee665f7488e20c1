package io.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.metrics.MetricCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code VigilNoLeader} reads the catalogue's leader gauge ({@code AlertRulesTest} runs its promtool tests). */
class NoLeaderAlertTest {
    @Test
    void theRuleReadsTheLeaderGauge() throws Exception {
        assertThat(Files.readString(Path.of("alerts/vigil.rules.yaml")))
                .contains("alert: VigilNoLeader")
                .contains("expr: max by (cluster) (" + MetricCatalog.LEADER.name() + ") < 1");
    }
}
