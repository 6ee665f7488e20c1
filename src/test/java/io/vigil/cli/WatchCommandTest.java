package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBadConfigurationNamesEveryProblemAndExitsTwoWithoutAStackTrace() throws IOException {
        Path config = dir.resolve("vigil.yaml");
        Files.writeString(config, """
                cluster:
                  name: Prod_Cluster
                http:
                  port: 70000
                api:
                  auth: none
                """);
        ScanCommandTest.Run run = ScanCommandTest.vigil("watch", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("vigil: invalid configuration:\n")
                .contains(config + ":2: cluster.name")
                .contains(config + ":4: http.port: 70000 is not a port")
                .doesNotContain("\tat ");
    }
}
