package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testing.DebianTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Kustomize overlay, rendered by the kustomize of Debian's kubectl 1.20 (the oldest we support), holds
 * the same objects as the Helm chart with the matching values, and {@code vigil scan} finds nothing in it.
 */
class KustomizeIT {
    /** Debian's kubectl 1.20 as {@code .ci/kube-apiserver.sh} caches it ({@code VIGIL_K8S_BIN} from the pom). */
    static Path kubectl() {
        String env = System.getenv("VIGIL_K8S_BIN");
        Path dir = Path.of(env != null ? env : System.getProperty("user.home") + "/.cache/vigil/k8s/bin");
        Path kubectl = dir.resolve("kubectl");
        if (!Files.isExecutable(kubectl)) {
            return DebianTool.missing(kubectl + " is missing (run .ci/kube-apiserver.sh)");
        }
        return kubectl;
    }

    static String kustomize(Path overlay) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(kubectl().toString(), "kustomize", overlay.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize %s: %s", overlay, out).isZero();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"single, ''", "ha, values-ha.yaml"})
    void theOverlayRendersTheChartsObjectsAndScansClean(String overlay, String values, @TempDir Path dir)
            throws IOException, InterruptedException {
        String text = kustomize(Path.of("deploy/kustomize/overlays", overlay));
        Rendering kustomized = Rendering.parse(text);
        Rendering chart = Chart.render(values.isEmpty() ? null : Chart.DIR.resolve(values));

        Map<String, JsonNode> expected = chart.comparable();
        Map<String, JsonNode> actual = kustomized.comparable();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, object) -> assertThat(actual.get(key)).as(key).isEqualTo(object));
        assertThat(kustomized.objects().values())
                .allSatisfy(o -> assertThat(o.path("metadata")
                                .path("labels")
                                .path("app.kubernetes.io/managed-by")
                                .asText())
                        .isEqualTo("kustomize"));

        ChartDogfoodTest.Scan scan = ChartDogfoodTest.scan(Files.writeString(dir.resolve(overlay + ".yaml"), text));
        assertThat(scan.json().path("findings")).isEmpty();
        assertThat(scan.json().path("errors")).isEmpty();
        assertThat(scan.exit()).isZero();
    }
}
