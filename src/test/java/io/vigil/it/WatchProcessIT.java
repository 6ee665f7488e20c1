package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.AuditSettings;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.format.FindingJson;
import io.vigil.testing.FreshEvaluation;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production jar as an operator runs it: {@code java -jar vigil.jar watch} with a kubeconfig and
 * VIGIL_* settings, ready over HTTP, serving the same findings a fresh evaluation yields, and stopping
 * cleanly on SIGTERM.
 */
class WatchProcessIT {
    private static final String TOKEN = "process-test-token-42";

    @TempDir
    Path dir;

    @Test
    void theProductionJarWatchesServesAndStopsCleanlyOnSigterm() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            try (var in = Files.newInputStream(Path.of("docs/examples/task-api/insecure.yaml"))) {
                cluster.apply(in);
            }
            int port = freePort();
            Path stderr = dir.resolve("stderr.log");
            Process vigil = configure(
                            new ProcessBuilder(javaBinary(), "-jar", "target/vigil.jar", "watch"), cluster, port)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .redirectError(stderr.toFile())
                    .directory(new File("."))
                    .start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                await().atMost(Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .until(() -> http.send(
                                                HttpRequest.newBuilder(URI.create(base + "/readyz"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200);
                HttpResponse<String> findings = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/findings?limit=5000"))
                                .header("authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(findings.statusCode()).isEqualTo(200);
                JsonNode doc = FindingJson.MAPPER.readTree(findings.body());
                assertThat(doc.path("total").asInt())
                        .isEqualTo(FreshEvaluation.findingIds(cluster.admin(), AuditSettings.defaults())
                                .size())
                        .isPositive();
                vigil.destroy();
                assertThat(vigil.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(vigil.exitValue()).isEqualTo(143);
                String log = Files.readString(stderr, StandardCharsets.UTF_8);
                assertThat(log)
                        .contains("stopping: draining the pipeline")
                        .contains("stopped cleanly")
                        .doesNotContain(TOKEN)
                        .doesNotContain("Exception");
            } finally {
                vigil.destroyForcibly();
            }
        }
    }

    private ProcessBuilder configure(ProcessBuilder pb, EmbeddedCluster cluster, int port) throws IOException {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("VIGIL_"));
        env.put("VIGIL_KUBERNETES_KUBECONFIG", kubeconfig(cluster).toString());
        env.put("VIGIL_HTTP_HOST", "127.0.0.1");
        env.put("VIGIL_HTTP_PORT", Integer.toString(port));
        env.put("VIGIL_API_TOKEN", TOKEN);
        env.put("VIGIL_LOG_LEVEL", "info");
        return pb;
    }

    private Path kubeconfig(EmbeddedCluster cluster) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: embedded
                    cluster: {server: "%s"}
                users:
                  - name: auditor
                    user: {token: not-checked-by-the-mock}
                contexts:
                  - name: embedded
                    context: {cluster: embedded, user: auditor}
                current-context: embedded
                """.formatted(cluster.url()));
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
