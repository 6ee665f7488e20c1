package io.vigil.config;

import static io.vigil.config.ConfigTesting.TOKEN;
import static io.vigil.config.ConfigTesting.WITH_TOKEN;
import static io.vigil.config.ConfigTesting.failure;
import static io.vigil.config.ConfigTesting.load;
import static io.vigil.config.ConfigTesting.problems;
import static io.vigil.config.ConfigTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Masking;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token and Kafka credentials: usable by the code that needs them, never printed. */
class SecretsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"vigil\" password=\"hunter2-kafka\";";

    @TempDir
    Path dir;

    @Test
    void theTokenFromTheEnvironmentIsKeptButPrintsMasked() {
        VigilConfig c = load(null, WITH_TOKEN);
        assertThat(c.api().token().orElseThrow().reveal()).isEqualTo(TOKEN);
        assertThat(c.api().token().orElseThrow().matches(TOKEN)).isTrue();
        assertThat(c.api().token().orElseThrow().matches(TOKEN + "x")).isFalse();
        assertThat(c.toString()).doesNotContain(TOKEN).contains(Masking.lengthOnly(TOKEN));
        assertThat(c.api().toString()).doesNotContain(TOKEN);
    }

    @Test
    void theTokenFileIsReadAndItsTrailingNewlineDropped() {
        Path tokenFile = write(dir, "token", TOKEN + "\n");
        Path file = write(dir, "vigil.yaml", "api:\n  tokenFile: " + tokenFile + "\n");
        VigilConfig c = load(file, Map.of());
        assertThat(c.api())
                .isEqualTo(new ApiConfig(ApiConfig.Auth.TOKEN, Optional.of(new Secret(TOKEN)), Optional.of(tokenFile)));
        assertThat(c.toString()).doesNotContain(TOKEN);
    }

    @Test
    void tokenAuthWithoutATokenFailsAndNoneNeedsNoToken() {
        assertThat(problems(null, Map.of()))
                .containsExactly("api.auth: token authentication needs a token: "
                        + "set api.tokenFile (a mounted Secret) or VIGIL_API_TOKEN, or api.auth: none");
        assertThat(problems(null, Map.of("VIGIL_API_TOKEN", " "))).hasSize(1);

        VigilConfig none = load(null, Map.of("VIGIL_API_AUTH", "none", "VIGIL_API_TOKEN", TOKEN));
        assertThat(none.api()).isEqualTo(new ApiConfig(ApiConfig.Auth.NONE, Optional.empty(), Optional.empty()));
    }

    @Test
    void aMissingTokenIsNotAppendedToUnrelatedProblems() {
        Path file = write(dir, "vigil.yaml", "http:\n  port: 99999\n");
        assertThat(problems(file, Map.of()))
                .hasSize(1)
                .allSatisfy(
                        p -> assertThat(p).startsWith(file + ":2: http.port: ").doesNotContain("token"));
        assertThat(problems(null, Map.of("VIGIL_LOG_LEVEL", "loud")))
                .hasSize(1)
                .allSatisfy(p -> assertThat(p).startsWith("env VIGIL_LOG_LEVEL: "));
    }

    @Test
    void tokenProblemsNeverQuoteTheToken() {
        String spaced = "tok secret-part-4711";
        assertThat(problems(null, Map.of("VIGIL_API_TOKEN", spaced)))
                .containsExactly(
                        "env VIGIL_API_TOKEN: the token " + Masking.lengthOnly(spaced) + " contains whitespace");

        Path tokenFile = write(dir, "token", TOKEN);
        Path both = write(dir, "both.yaml", "api:\n  tokenFile: " + tokenFile + "\n");
        ConfigException e = failure(both, WITH_TOKEN);
        assertThat(e.getMessage())
                .isEqualTo(both + ":2: api.tokenFile: set api.tokenFile or VIGIL_API_TOKEN, not both");

        Path empty = write(dir, "empty-token", "\n");
        Path emptyConfig = write(dir, "empty.yaml", "api:\n  tokenFile: " + empty + "\n");
        assertThat(problems(emptyConfig, Map.of()))
                .containsExactly(emptyConfig + ":2: api.tokenFile: the token is empty");

        Path missingConfig = write(dir, "missing.yaml", "api:\n  tokenFile: " + dir.resolve("nope") + "\n");
        assertThat(problems(missingConfig, Map.of()))
                .containsExactly(missingConfig + ":2: api.tokenFile: no such file: " + dir.resolve("nope"));
    }

    @Test
    void aTokenWrittenIntoTheFileIsRefusedWithoutBeingEchoed() {
        Path file = write(dir, "vigil.yaml", "api:\n  token: " + TOKEN + "\n");
        assertThat(problems(file, WITH_TOKEN))
                .containsExactly(file + ":2: api.token: unknown setting "
                        + "(secrets do not belong in the file: use api.tokenFile or VIGIL_API_TOKEN)");
    }

    @Test
    void kafkaPropertiesPassThroughFromFileAndEnvironmentAndPrintMasked() {
        Path file = write(dir, "vigil.yaml", """
                kafka:
                  bootstrapServers: kafka:9093
                  properties:
                    security.protocol: SSL
                    linger.ms: 5
                    ssl.key.password: from-file-secret
                """);
        VigilConfig c = load(
                file,
                Map.of(
                        "VIGIL_API_TOKEN",
                        TOKEN,
                        "VIGIL_KAFKA_PROPERTY_SECURITY_PROTOCOL",
                        "SASL_SSL",
                        "VIGIL_KAFKA_PROPERTY_SASL_MECHANISM",
                        "SCRAM-SHA-512",
                        "VIGIL_KAFKA_PROPERTY_SASL_JAAS_CONFIG",
                        JAAS));

        assertThat(c.kafka().properties())
                .isEqualTo(Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "linger.ms",
                        "5",
                        "ssl.key.password",
                        "from-file-secret",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        JAAS));
        assertThat(c.kafka().maskedProperties())
                .isEqualTo(Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "linger.ms",
                        "5",
                        "ssl.key.password",
                        Masking.lengthOnly("from-file-secret"),
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        Masking.lengthOnly(JAAS)));
        assertThat(c.toString())
                .doesNotContain("hunter2")
                .doesNotContain("from-file-secret")
                .contains("security.protocol=SASL_SSL");
    }

    @Test
    void propertiesVigilOwnsAreRejectedWithTheReason() {
        Path file = write(dir, "vigil.yaml", """
                kafka:
                  bootstrapServers: kafka:9093
                  properties:
                    bootstrap.servers: other:9092
                    transactional.id: mine
                    enable.idempotence: false
                    key.serializer: org.apache.kafka.common.serialization.StringSerializer
                    value.serializer: org.apache.kafka.common.serialization.StringSerializer
                    sasl.jaas.config:
                    "bad name": x
                    ssl.cipher.suites: [a, b]
                """);
        String f = file.toString();
        assertThat(problems(
                        file,
                        Map.of(
                                "VIGIL_API_TOKEN",
                                TOKEN,
                                "VIGIL_KAFKA_PROPERTY_ACKS",
                                "1",
                                "VIGIL_KAFKA_PROPERTIES",
                                "a=b",
                                "VIGIL_KAFKA_PROPERTY_",
                                "x")))
                .containsExactly(
                        f + ":4: kafka.properties: bootstrap.servers cannot be set: set kafka.bootstrapServers instead",
                        f
                                + ":5: kafka.properties: transactional.id cannot be set: Vigil sets it to vigil-<cluster.name>",
                        f
                                + ":6: kafka.properties: enable.idempotence cannot be set: Vigil's transactional producer needs it on",
                        f
                                + ":7: kafka.properties: key.serializer cannot be set: Vigil writes the finding id as the key",
                        f + ":8: kafka.properties: value.serializer cannot be set: Vigil writes CloudEvents bytes",
                        f + ":9: kafka.properties: sasl.jaas.config: has no value",
                        f + ":10: kafka.properties: \"bad name\" is not a Kafka client property name",
                        f + ":11: kafka.properties: ssl.cipher.suites: expected a single value",
                        "env VIGIL_KAFKA_PROPERTIES: kafka.properties: set one variable per property, "
                                + "e.g. VIGIL_KAFKA_PROPERTY_SECURITY_PROTOCOL=SSL",
                        "env VIGIL_KAFKA_PROPERTY_: kafka.properties: expected VIGIL_KAFKA_PROPERTY_<NAME>, "
                                + "e.g. VIGIL_KAFKA_PROPERTY_SECURITY_PROTOCOL",
                        "env VIGIL_KAFKA_PROPERTY_ACKS: kafka.properties: acks cannot be set: "
                                + "Vigil's transactional producer needs acks=all");
    }

    @Test
    void kafkaIsEnabledByServersUnlessTurnedOff() {
        assertThat(load(null, Map.of("VIGIL_API_TOKEN", TOKEN, "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "a:1,b:2"))
                        .kafka()
                        .enabled())
                .isTrue();
        assertThat(load(
                                null,
                                Map.of(
                                        "VIGIL_API_TOKEN",
                                        TOKEN,
                                        "VIGIL_KAFKA_BOOTSTRAP_SERVERS",
                                        "a:1",
                                        "VIGIL_KAFKA_ENABLED",
                                        "false"))
                        .kafka()
                        .enabled())
                .isFalse();
        assertThat(problems(
                        null,
                        Map.of(
                                "VIGIL_API_TOKEN",
                                TOKEN,
                                "VIGIL_KAFKA_BOOTSTRAP_SERVERS",
                                "a:1",
                                "VIGIL_KAFKA_EVENTS_TOPIC",
                                "vigil.findings.v1")))
                .containsExactly(
                        "kafka.stateTopic: must differ from kafka.eventsTopic (one is compacted, the other is not)");
    }
}
