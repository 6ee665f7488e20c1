package io.vigil.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.format.FindingJson;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The production jar as an operator runs it ({@code java -jar target/vigil.jar watch}), configured only by
 * {@code VIGIL_*} variables, with its logs in files the test can show when it fails.
 */
public final class VigilProcess implements AutoCloseable {
    public static final String API_TOKEN = "vigil-process-api-token-42";

    private final Process process;
    private final int port;
    private final Path log;

    private VigilProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code vigil watch} with {@code kubeconfig} and the extra settings {@code env} (VIGIL_* names). */
    public static VigilProcess start(Path dir, Path kubeconfig, Map<String, String> env) {
        return start(dir, kubeconfig, env, List.of());
    }

    /** As {@link #start(Path, Path, Map)}, with {@code jvmFlags} before {@code -jar} (benchmarks compare them). */
    public static VigilProcess start(Path dir, Path kubeconfig, Map<String, String> env, List<String> jvmFlags) {
        int port = RealApiServer.freePort();
        Path log = dir.resolve("vigil-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", "target/vigil.jar", "watch"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File("."));
        Map<String, String> vars = pb.environment();
        vars.keySet().removeIf(k -> k.startsWith("VIGIL_") || k.equals("KUBECONFIG"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("VIGIL_KUBERNETES_KUBECONFIG", kubeconfig.toString());
        settings.put("VIGIL_HTTP_HOST", "127.0.0.1");
        settings.put("VIGIL_HTTP_PORT", Integer.toString(port));
        settings.put("VIGIL_API_TOKEN", API_TOKEN);
        settings.put("VIGIL_DATA_DIR", dir.resolve("data-" + port).toString());
        settings.putAll(env);
        vars.putAll(settings);
        try {
            return new VigilProcess(pb.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start vigil.jar", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    public HttpResponse<String> readyz() {
        return Http.get(baseUrl() + "/readyz");
    }

    /** Waits for {@code /readyz} 200; fails early with the log when the process exits. */
    public Duration awaitReady(Duration atMost) {
        long start = System.nanoTime();
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .failFast("vigil exited:\n" + tailSupplier(), () -> !process.isAlive())
                .until(() -> readyz().statusCode() == 200);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Object tailSupplier() {
        return new Object() {
            @Override
            public String toString() {
                return logTail();
            }
        };
    }

    public String metrics() {
        return Http.get(baseUrl() + "/metrics").body();
    }

    /** The ids of the open findings {@code /api/v1/findings} serves. */
    public Set<String> findingIds() {
        JsonNode doc = findings();
        Set<String> ids = new TreeSet<>();
        doc.path("findings").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    public JsonNode findings() {
        HttpResponse<String> r =
                Http.get(baseUrl() + "/api/v1/findings?limit=5000", "authorization", "Bearer " + API_TOKEN);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /api/v1/findings: " + r.statusCode() + " " + r.body());
        }
        try {
            return FindingJson.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    public String logTail() {
        String[] lines = log().split("\n");
        int from = Math.max(0, lines.length - 40);
        return "--- last lines of " + log + " ---\n"
                + String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    /** SIGKILL, as a node failure would: no shutdown hook runs. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
