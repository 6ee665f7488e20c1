package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.CheckCatalog;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docs/configuration.md} and {@code deploy/vigil.example.yaml} are checked against the code. */
class ConfigDocsTest {
    private static final Path DOC = Path.of("docs/configuration.md");
    private static final Path EXAMPLE = Path.of("deploy/vigil.example.yaml");
    private static final String EXAMPLE_TOKEN_FILE = "/var/run/secrets/vigil/api-token";
    private static final String EXAMPLE_MASK_KEY_FILE = "/var/run/secrets/vigil/mask-key";

    @TempDir
    Path dir;

    @Test
    void theSettingsTableIsCurrent() throws Exception {
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("regenerate the table in %s from ConfigDocs.table()", DOC)
                .contains(ConfigDocs.table());
    }

    @Test
    void theDocShowsTheExampleFileVerbatim() throws Exception {
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .contains("```yaml\n" + Files.readString(EXAMPLE, StandardCharsets.UTF_8) + "```\n");
    }

    @Test
    void theExampleLoads() throws Exception {
        String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        assertThat(example).contains(EXAMPLE_TOKEN_FILE).contains(EXAMPLE_MASK_KEY_FILE);
        Path token = Files.writeString(dir.resolve("api-token"), "an-example-token-0123456789\n");
        Path key = Files.writeString(dir.resolve("mask-key"), "0123456789abcdef0123456789abcdef\n");
        Path file = Files.writeString(
                dir.resolve("vigil.yaml"),
                example.replace(EXAMPLE_TOKEN_FILE, token.toString()).replace(EXAMPLE_MASK_KEY_FILE, key.toString()));
        CheckCatalog catalog = BuiltInChecks.catalog();

        VigilConfig c = new ConfigLoader(catalog.ids()).load(Optional.of(file), Map.of());

        assertThat(c.cluster().name()).isEqualTo("prod-eu-1");
        assertThat(c.api().token().orElseThrow().reveal()).isEqualTo("an-example-token-0123456789");
        assertThat(c.audit().severityOverrides()).isEqualTo(Map.of("resources-missing-requests", Severity.INFO));
        assertThat(c.audit().select(catalog).ids())
                .doesNotContain("default-namespace")
                .contains("privileged-container");
        assertThat(c.kafka().enabled()).isTrue();
        assertThat(c.kafka().bootstrapServers())
                .containsExactly("kafka-0.kafka:9093", "kafka-1.kafka:9093", "kafka-2.kafka:9093");
        assertThat(c.kafka().eventsRetention()).isEqualTo(Duration.ofDays(400));
        assertThat(c.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.log().format()).isEqualTo(VigilConfig.Log.Format.JSON);
        assertThat(c.secrets().maskKey())
                .contains(io.vigil.model.Masking.keyed(
                        "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        assertThat(c.baseline().configMap()).contains(new VigilConfig.ConfigMapRef("vigil", "vigil-baseline"));
    }

    @Test
    void environmentNamesFollowTheSchemeAndAreUnique() {
        List<String> names =
                Arrays.stream(Setting.values()).map(Setting::envName).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("VIGIL_[A-Z0-9]+(_[A-Z0-9]+)*"));
        assertThat(Setting.CLUSTER_NAME.envName()).isEqualTo("VIGIL_CLUSTER_NAME");
        assertThat(Setting.HTTP_PORT.envName()).isEqualTo("VIGIL_HTTP_PORT");
        assertThat(Setting.API_AUTH.envName()).isEqualTo("VIGIL_API_AUTH");
        assertThat(Setting.API_TOKEN_FILE.envName()).isEqualTo("VIGIL_API_TOKEN_FILE");
        assertThat(Setting.KAFKA_BOOTSTRAP_SERVERS.envName()).isEqualTo("VIGIL_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(Setting.AUDIT_ALLOWED_REGISTRIES.envName()).isEqualTo("VIGIL_AUDIT_ALLOWED_REGISTRIES");
        assertThat(Setting.PIPELINE_FULL_EVALUATION_INTERVAL.envName())
                .isEqualTo("VIGIL_PIPELINE_FULL_EVALUATION_INTERVAL");
        assertThat(Setting.DATA_DIR.envName()).isEqualTo("VIGIL_DATA_DIR");
        assertThat(Setting.LOG_LEVEL.envName()).isEqualTo("VIGIL_LOG_LEVEL");
        assertThat(names)
                .doesNotContain(EnvOverrides.NOT_SETTINGS.toArray(String[]::new))
                .noneMatch(n -> n.startsWith(EnvOverrides.KAFKA_PROPERTY_PREFIX));
    }
}
