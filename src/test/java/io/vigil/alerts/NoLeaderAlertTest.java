package io.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.metrics.MetricCatalog;
import io.vigil.testing.DebianTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code VigilNoLeader}: promtool's rule tests pass, and the rule reads the catalogue's metric. */
class NoLeaderAlertTest {
    @Test
    void promtoolRuleTestsPass() throws Exception {
        Path promtool = DebianTool.require("promtool", "prometheus");
        Process p = new ProcessBuilder(promtool.toString(), "test", "rules", "alerts/vigil.rules.test.yaml")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS");
    }

    @Test
    void theRuleReadsTheLeaderGauge() throws Exception {
        assertThat(Files.readString(Path.of("alerts/vigil.rules.yaml")))
                .contains("alert: VigilNoLeader")
                .contains("expr: max by (cluster) (" + MetricCatalog.LEADER.name() + ") < 1");
    }
}
