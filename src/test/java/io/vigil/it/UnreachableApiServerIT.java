package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.format.FindingJson;
import io.vigil.metrics.MetricCatalog;
import io.vigil.testing.Http;
import io.vigil.testing.LogCapture;
import io.vigil.testing.RunningVigil;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API server does not answer at start (a loopback port where nothing listens): HTTP is up anyway,
 * {@code /healthz} 200, {@code /readyz} 503 naming the server and the error, {@code vigil_api_server_up} 0, one
 * log line however many retries; once a server listens on that port, Vigil connects by itself and becomes ready.
 */
class UnreachableApiServerIT {
    private static final String HEALTH_LOGGER = "io.vigil.source.ApiServerHealth";

    @Test
    void vigilServesHttpSaysWhyItIsNotReadyAndConnectsOnceTheServerAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        var client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(url).build())
                .build();
        try (LogCapture log = LogCapture.start("io.vigil");
                RunningVigil vigil = RunningVigil.start(client, RunningVigil.fastPipeline())) {
            assertThat(Http.get(vigil.baseUrl() + "/healthz").statusCode()).isEqualTo(200);
            String reason = "API server " + url + " unreachable: ConnectException";
            // the retries at 1 s, 2 s and 4 s all fail the same way: the reason stays, the log does not grow
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var ready = vigil.readyz();
                assertThat(ready.statusCode()).isEqualTo(503);
                JsonNode reasons = FindingJson.MAPPER.readTree(ready.body()).get("reasons");
                assertThat(reasons).hasSize(1);
                assertThat(reasons.get(0).asText()).startsWith(reason).endsWith("(retrying)");
            });
            assertThat(vigil.gauge(MetricCatalog.API_SERVER_UP.name())).isZero();
            assertThat(healthLines(log))
                    .singleElement()
                    .satisfies(l -> assertThat(l)
                            .startsWith("API server " + url + " unreachable: ConnectException")
                            .endsWith("; retrying with backoff (1s to 30s) until it answers"));
            assertThat(log.events())
                    .as("no stack traces: " + log.messages())
                    .allMatch(e -> e.getThrowableProxy() == null);
            assertThat(log.messages())
                    .as("besides the HTTP line and the one retry line, nothing: " + log.messages())
                    .hasSize(2);

            try (EmbeddedCluster cluster = EmbeddedCluster.start(port, List.of())) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> vigil.service().ready());
                assertThat(vigil.gauge(MetricCatalog.API_SERVER_UP.name())).isEqualTo(1.0);
                assertThat(healthLines(log))
                        .hasSize(2)
                        .last()
                        .isEqualTo("API server " + url + " answers again: starting the informers");
            }
        }
    }

    private static List<String> healthLines(LogCapture log) {
        return log.events().stream()
                .filter(e -> e.getLoggerName().equals(HEALTH_LOGGER))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
