package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed Kafka settings stop {@code vigil watch} at start with one clear error (exit 2) that names every
 * problem with its file and line, never quotes a property value (any may be a credential), and never gets as far
 * as contacting a broker or the cluster.
 */
class KafkaConfigTest {
    @TempDir
    Path dir;

    @Test
    void badBootstrapServersAndOwnedPropertiesAreEachNamedOnce() throws IOException {
        Path config = dir.resolve("vigil.yaml");
        Files.writeString(config, """
                api:
                  auth: none
                kafka:
                  bootstrapServers: [not a host:port, "kafka-0:99999", "PLAINTEXT://kafka-1:9092", "kafka-2:9093"]
                  properties:
                    transactional.id: sneaky-value-1
                    acks: "1"
                    security.protocol: SSL
                """);
        long start = System.nanoTime();
        ScanCommandTest.Run run = ScanCommandTest.vigil("watch", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList())
                .containsExactly(
                        "vigil: invalid configuration:",
                        config
                                + ":4: kafka.bootstrapServers: \"not a host:port\": \"not a host\" is not a host name or address",
                        config + ":4: kafka.bootstrapServers: \"kafka-0:99999\": \"99999\" is not a port (1-65535)",
                        config + ":4: kafka.bootstrapServers: \"PLAINTEXT://kafka-1:9092\" is not host:port",
                        config
                                + ":6: kafka.properties: transactional.id cannot be set: Vigil sets it to vigil-<cluster.name>",
                        config
                                + ":7: kafka.properties: acks cannot be set: Vigil's transactional producer needs acks=all");
        assertThat(run.err()).as("property values are never quoted").doesNotContain("sneaky-value-1");
        assertThat(System.nanoTime() - start)
                .as("rejected before any connection attempt")
                .isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(5));
    }
}
