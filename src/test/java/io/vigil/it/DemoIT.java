package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.format.FindingJson;
import io.vigil.testing.KafkaReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: {@code java -jar target/vigil-demo.jar demo} streams findings opening and
 * resolving live, and every event the console shows went through the in-process Kafka broker.
 */
class DemoIT {
    private static final Pattern KAFKA = Pattern.compile("^Kafka at (\\S+);");
    private static final Pattern EVENT = Pattern.compile("^(OPENED|CHANGED|RESOLVED|SUPPRESSED|EXCEPTION_EXPIRED) ");

    private static List<String> types(String bootstrap) throws java.io.IOException {
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaReader.readAll(bootstrap, "vigil.finding-events.v1")) {
            types.add(FindingJson.MAPPER.readTree(r.value()).path("type").asText());
        }
        return types;
    }

    @Test
    void theDemoShowsDriftOpeningAndResolvingThroughARealBroker() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process demo = new ProcessBuilder(
                        java,
                        "-jar",
                        "target/vigil-demo.jar",
                        "demo",
                        "--port",
                        "0",
                        "--drift-after",
                        "2",
                        "--duration",
                        "120")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // the stream closes when the demo is stopped at the end of the test
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> lines.stream()
                            .anyMatch(l -> l.startsWith("RESOLVED")
                                    && l.contains("privileged-container")
                                    && l.contains("task-api/debug-shell")));
            assertThat(lines)
                    .anyMatch(l -> l.startsWith("OPENED")
                            && l.contains("rbac-wildcard-verb")
                            && l.contains("ClusterRole incident-debug"));
            assertThat(lines)
                    .anyMatch(l -> l.startsWith("OPENED")
                            && l.contains("pss-namespace-violation")
                            && l.contains("Pod task-api/debug-shell"));
            assertThat(lines).noneMatch(l -> l.contains("Exception") || l.contains("ERROR"));
            // start-up progress and its time are printed; the broker starts beside the API server, not after it
            assertThat(lines).contains("starting an in-process Kafka broker (KRaft) in parallel");
            assertThat(lines).anyMatch(l -> l.matches("Kafka broker up in \\d+\\.\\d s"));
            assertThat(lines).anyMatch(l -> l.matches("vigil demo: started in \\d+\\.\\d s"));
            assertThat(lines.indexOf("starting an in-process Kafka broker (KRaft) in parallel"))
                    .isLessThan(lines.stream()
                            .filter(l -> l.startsWith("seeded the Task API at "))
                            .findFirst()
                            .map(lines::indexOf)
                            .orElseThrow());
            String bootstrap = lines.stream()
                    .map(KAFKA::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Kafka line in " + lines));
            long consoleEvents =
                    lines.stream().filter(l -> EVENT.matcher(l).find()).count();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(types(bootstrap).stream()
                                    .filter(t -> t.startsWith("io.vigil.finding."))
                                    .count())
                            .isEqualTo(consoleEvents));
            List<String> types = types(bootstrap);
            assertThat(types).contains("io.vigil.finding.opened", "io.vigil.finding.resolved");
            assertThat(types)
                    .as("the demo's baseline capture is recorded once")
                    .filteredOn("io.vigil.config.changed"::equals)
                    .hasSize(1);
        } finally {
            demo.destroy();
            demo.waitFor(30, TimeUnit.SECONDS);
            demo.destroyForcibly();
        }
    }
}
