package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testing.Http;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar vigil.jar watch} against a kubeconfig whose server does not answer (a loopback port where
 * nothing listens): the process does not exit, serves {@code /healthz} and a 503 {@code /readyz} naming the server,
 * writes a handful of log lines rather than stack traces, and stops cleanly on SIGTERM.
 */
class WatchUnreachableProcessIT {
    @TempDir
    Path dir;

    @Test
    void theJarWaitsForTheApiServerWithoutExitingOrFloodingTheLog() throws Exception {
        int apiPort = freePort();
        int httpPort = freePort();
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: gone
                    cluster: {server: "http://127.0.0.1:%d"}
                users:
                  - name: auditor
                    user: {token: unused}
                contexts:
                  - name: gone
                    context: {cluster: gone, user: auditor}
                current-context: gone
                """.formatted(apiPort));
        Path stderr = dir.resolve("stderr.log");
        ProcessBuilder pb = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-jar", "target/vigil.jar", "watch");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("VIGIL_"));
        env.put("VIGIL_KUBERNETES_KUBECONFIG", kubeconfig.toString());
        env.put("VIGIL_HTTP_HOST", "127.0.0.1");
        env.put("VIGIL_HTTP_PORT", Integer.toString(httpPort));
        env.put("VIGIL_API_AUTH", "none");
        env.put("VIGIL_DATA_DIR", dir.resolve("data").toString());
        env.put("VIGIL_LOG_LEVEL", "info");
        Process vigil = pb.redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(stderr.toFile())
                .directory(new File("."))
                .start();
        try {
            String base = "http://127.0.0.1:" + httpPort;
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> Http.get(base + "/healthz").statusCode() == 200);
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(vigil.isAlive()).isTrue();
                var ready = Http.get(base + "/readyz");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body())
                        .contains("API server http://127.0.0.1:" + apiPort + "/ unreachable: ConnectException");
            });
            vigil.destroy();
            assertThat(vigil.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(vigil.exitValue()).isEqualTo(143);
            List<String> log = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            assertThat(log)
                    .as("mask key, start, HTTP, one line for the unreachable server, stopping, stopped: " + log)
                    .hasSizeLessThanOrEqualTo(8)
                    .noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception:") && !l.contains("unreachable"));
            assertThat(log.stream().filter(l -> l.contains("unreachable"))).hasSize(1);
        } finally {
            vigil.destroyForcibly();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
