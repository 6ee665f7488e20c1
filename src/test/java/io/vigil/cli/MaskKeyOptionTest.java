package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Masking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --mask-key-file} on scan, baseline capture and report, through the real command line. */
class MaskKeyOptionTest {
    private static final String KEY = "cli-mask-key-0123456789";
    private static final String SECRET = "hunter2-Pa55word";
    private static final String NOTE = "vigil: note: masked values show only their length (no --mask-key-file):"
            + " equal secrets cannot be correlated\n";
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop}
            spec:
              containers:
                - name: api
                  image: shop/api:1.0
                  env:
                    - {name: DB_PASSWORD, value: %1$s}
                    - {name: API_TOKEN, value: %1$s}
            """.formatted(SECRET);

    @TempDir
    Path dir;

    @Test
    void scanMasksWithTheKeyAndSaysNothing() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), KEY + "\n");
        Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
        var run = ScanCommandTest.vigil(
                "scan",
                "--checks",
                "secret-literal-env",
                "--format",
                "json",
                "--mask-key-file",
                key.toString(),
                pod.toString());
        String mask = Masking.keyed(KEY.getBytes(StandardCharsets.UTF_8)).mask(SECRET);
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.json().get("findings"))
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.get("observed").asText()).isEqualTo(mask));
        assertThat(run.out()).doesNotContain(SECRET);
    }

    @Test
    void withoutAKeyScanShowsTheLengthAndSaysSoOnce() throws Exception {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
        var run = ScanCommandTest.vigil("scan", "--checks", "secret-literal-env", "--format", "json", pod.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEqualTo(NOTE);
        assertThat(run.json().get("findings"))
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.get("observed").asText()).isEqualTo("<masked len=16>"));
    }

    @Test
    void withoutMaskedValuesThereIsNoNote() throws Exception {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
        var run = ScanCommandTest.vigil("scan", "--checks", "privileged-container", pod.toString());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void reportAndBaselineTakeTheKeyToo() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), KEY);
        Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
        String mask = Masking.keyed(KEY.getBytes(StandardCharsets.UTF_8)).mask(SECRET);

        var report = ScanCommandTest.vigil(
                "report", "--framework", "soc2", "--examples", "50", "--mask-key-file", key.toString(), pod.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("secret-literal-env").doesNotContain(SECRET);
        var unkeyed = ScanCommandTest.vigil("report", "--framework", "soc2", "--examples", "50", pod.toString());
        assertThat(unkeyed.err())
                .as("a report shows no observed values, so there is no mask to correlate")
                .isEmpty();

        Path out = dir.resolve("baseline.yaml");
        var capture = ScanCommandTest.vigil(
                "baseline", "capture", "--mask-key-file", key.toString(), "-o", out.toString(), pod.toString());
        assertThat(capture.exit()).as(capture.err()).isZero();
        assertThat(Files.readString(out)).contains(mask).doesNotContain(SECRET);
        assertThat(capture.err()).doesNotContain("note:");
    }

    @Test
    void aBadKeyFileIsAUsageErrorNamingIt() throws Exception {
        Path shortKey = Files.writeString(dir.resolve("key"), "short");
        Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
        var run = ScanCommandTest.vigil("scan", "--mask-key-file", shortKey.toString(), pod.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("--mask-key-file: " + shortKey + " holds 5 bytes")
                .doesNotContain("Exception");
    }
}
