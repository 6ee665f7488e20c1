package io.vigil.config;

import static io.vigil.config.ConfigTesting.TOKEN;
import static io.vigil.config.ConfigTesting.WITH_TOKEN;
import static io.vigil.config.ConfigTesting.load;
import static io.vigil.config.ConfigTesting.problems;
import static io.vigil.config.ConfigTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.config.VigilConfig.ConfigMapRef;
import io.vigil.config.VigilConfig.Log;
import io.vigil.model.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static Map<String, String> env(String... pairs) {
        Map<String, String> out = new HashMap<>(WITH_TOKEN);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void withoutFileEverySettingHasItsDocumentedDefault() {
        VigilConfig c = load(null, WITH_TOKEN);

        assertThat(c.cluster().name()).isEqualTo("default");
        assertThat(c.kubernetes()).isEqualTo(new VigilConfig.Kubernetes(Optional.empty(), Optional.empty()));
        assertThat(c.http()).isEqualTo(new VigilConfig.Http("0.0.0.0", 8080));
        assertThat(c.api().auth()).isEqualTo(ApiConfig.Auth.TOKEN);
        assertThat(c.api().token().orElseThrow().reveal()).isEqualTo(TOKEN);
        assertThat(c.api().tokenFile()).isEmpty();
        assertThat(c.audit())
                .isEqualTo(new VigilConfig.Audit(
                        AuditSettings.DEFAULT_SYSTEM_NAMESPACES, false, List.of(), Map.of(), List.of(), List.of()));
        assertThat(c.pipeline())
                .isEqualTo(new VigilConfig.Pipeline(Duration.ofMinutes(10), 512, Duration.ofSeconds(1)));
        assertThat(c.metrics().namespaceFindings()).isTrue();
        assertThat(c.log()).isEqualTo(new Log(Log.Format.TEXT, Log.Level.INFO));
        assertThat(c.dataDir()).isEqualTo(Path.of("./vigil-data"));
        assertThat(c.kafka())
                .isEqualTo(new KafkaConfig(
                        false,
                        List.of(),
                        "vigil.finding-events.v1",
                        "vigil.findings.v1",
                        Duration.ofDays(30),
                        true,
                        Duration.ofMillis(10),
                        500,
                        100_000,
                        Map.of()));
        assertThat(c.baseline()).isEqualTo(VigilConfig.Source.NONE);
        assertThat(c.exceptions()).isEqualTo(VigilConfig.Source.NONE);
        assertThat(c.auditSettings()).isEqualTo(AuditSettings.defaults());
        assertThat(c.kafkaTransactionalId()).isEqualTo("vigil-default");
    }

    @Test
    void anEmptyFileIsAllDefaults() {
        Path file = write(dir, "vigil.yaml", "# nothing set\n");
        assertThat(load(file, WITH_TOKEN)).isEqualTo(load(null, WITH_TOKEN));
    }

    @Test
    void fileValuesApplyAndTheEnvironmentWins() {
        Path file = write(dir, "vigil.yaml", """
                cluster:
                  name: from-file
                http:
                  port: 9000
                  host: 127.0.0.1
                audit:
                  includeSystem: true
                  allowedRegistries: [file.example/]
                  severityOverrides:
                    privileged-container: medium
                    default-namespace: info
                kafka:
                  bootstrapServers: [kafka-0:9092, "[::1]:9093"]
                  flushInterval: 5ms
                  properties:
                    security.protocol: SSL
                    linger.ms: 5
                """);
        VigilConfig c = load(
                file,
                env(
                        "VIGIL_CLUSTER_NAME", "from-env",
                        "VIGIL_AUDIT_ALLOWED_REGISTRIES", "registry.k8s.io/, ghcr.io/acme/",
                        "VIGIL_AUDIT_SEVERITY_OVERRIDES", "image-latest-tag=HIGH",
                        "VIGIL_KAFKA_PROPERTY_SECURITY_PROTOCOL", "SASL_SSL",
                        "VIGIL_LOG_LEVEL", "debug",
                        "VIGIL_PIPELINE_FULL_EVALUATION_INTERVAL", "PT2M"));

        assertThat(c.cluster().name()).isEqualTo("from-env");
        assertThat(c.http()).isEqualTo(new VigilConfig.Http("127.0.0.1", 9000));
        assertThat(c.audit().includeSystem()).isTrue();
        assertThat(c.audit().allowedRegistries()).containsExactly("registry.k8s.io/", "ghcr.io/acme/");
        assertThat(c.audit().severityOverrides()).isEqualTo(Map.of("image-latest-tag", Severity.HIGH));
        assertThat(c.log().level()).isEqualTo(Log.Level.DEBUG);
        assertThat(c.pipeline().fullEvaluationInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.kafka().enabled()).isTrue();
        assertThat(c.kafka().bootstrapServers()).containsExactly("kafka-0:9092", "[::1]:9093");
        assertThat(c.kafka().flushInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.kafka().properties()).isEqualTo(Map.of("security.protocol", "SASL_SSL", "linger.ms", "5"));
        assertThat(c.auditSettings())
                .isEqualTo(new AuditSettings(
                        "from-env",
                        AuditSettings.DEFAULT_SYSTEM_NAMESPACES,
                        true,
                        List.of("registry.k8s.io/", "ghcr.io/acme/"),
                        Map.of("image-latest-tag", Severity.HIGH)));
        assertThat(c.kafkaTransactionalId()).isEqualTo("vigil-from-env");
    }

    @Test
    void listsMayBeCommaSeparatedStringsInTheFileToo() {
        Path file = write(dir, "vigil.yaml", """
                audit:
                  systemNamespaces: "kube-system, platform"
                  checks:
                    skip: default-namespace,image-latest-tag
                """);
        VigilConfig c = load(file, WITH_TOKEN);
        assertThat(c.audit().systemNamespaces()).isEqualTo(Set.of("kube-system", "platform"));
        assertThat(c.audit().skipChecks()).containsExactly("default-namespace", "image-latest-tag");
    }

    @Test
    void everyBadValueIsNamedWithItsLineAndAllAreReportedAtOnce() {
        Path file = write(dir, "vigil.yaml", """
                cluster:
                  name: Prod_EU
                http:
                  port: 70000
                  host: ""
                api:
                  auth: maybe
                audit:
                  systemNamespaces: [kube-system, Bad_NS]
                  includeSystem: sometimes
                  allowedRegistries:
                    - https://ghcr.io/acme
                  severityOverrides:
                    privileged-container: urgent
                    privileged-containr: high
                  checks:
                    only: [default-namespace]
                    skip: [default-namespace, no-such-check]
                pipeline:
                  fullEvaluationInterval: 5s
                  batchSize: 0
                  watchHealthInterval: soon
                metrics:
                  namespaceFindings: 1
                log:
                  format: xml
                  level: verbose
                kafka:
                  bootstrapServers: "kafka:9092,kafka,broker:0"
                  eventsTopic: "bad topic"
                  stateTopic: vigil.findings.v1
                  flushInterval: 5s
                  flushMaxEvents: lots
                  outboxMaxRecords: 1.5
                  eventsRetention: 30
                  properties:
                    transactional.id: mine
                baseline:
                  file: /etc/vigil/baseline.yaml
                  configMap: vigil
                exceptions:
                  configMap: Vigil/exceptions
                kubernetes:
                  kubeconfig: /nonexistent/kubeconfig
                """);
        String f = file.toString();
        assertThat(problems(file, WITH_TOKEN))
                .containsExactly(
                        f
                                + ":2: cluster.name: \"Prod_EU\" is not a DNS-1123 label (lower-case letters, digits and '-', "
                                + "at most 63, alphanumeric at both ends)",
                        f + ":4: http.port: 70000 is not a port (0-65535)",
                        f + ":5: http.host: \"\" is not a host name or address",
                        f + ":7: api.auth: \"maybe\" is not one of token, none",
                        f
                                + ":9: audit.systemNamespaces: \"Bad_NS\" is not a DNS-1123 label (lower-case letters, digits and "
                                + "'-', at most 63, alphanumeric at both ends)",
                        f + ":10: audit.includeSystem: \"sometimes\" is not true or false",
                        f
                                + ":12: audit.allowedRegistries: \"https://ghcr.io/acme\" is not an image registry or repository "
                                + "prefix (e.g. ghcr.io/acme/; no scheme, no digest)",
                        f + ":14: audit.severityOverrides: privileged-container: \"urgent\" is not a severity "
                                + "(critical, high, medium, low, info)",
                        f + ":15: audit.severityOverrides: unknown check id \"privileged-containr\" "
                                + "(did you mean privileged-container?) (see 'vigil checks')",
                        f + ":18: audit.checks.skip: unknown check id \"no-such-check\" (see 'vigil checks')",
                        f + ":18: audit.checks.skip: \"default-namespace\" is also in audit.checks.only",
                        f + ":20: pipeline.fullEvaluationInterval: 5s is out of range (10s to 1d)",
                        f + ":21: pipeline.batchSize: 0 is out of range (1-100000)",
                        f + ":22: pipeline.watchHealthInterval: \"soon\" is not a duration "
                                + "(use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)",
                        f + ":24: metrics.namespaceFindings: \"1\" is not true or false",
                        f + ":26: log.format: \"xml\" is not one of text, json",
                        f + ":27: log.level: \"verbose\" is not one of trace, debug, info, warn, error",
                        f + ":29: kafka.bootstrapServers: \"kafka\" is not host:port",
                        f + ":29: kafka.bootstrapServers: \"broker:0\": \"0\" is not a port (1-65535)",
                        f + ":30: kafka.eventsTopic: \"bad topic\" is not a Kafka topic name "
                                + "(letters, digits, '.', '_', '-'; at most 249)",
                        f + ":32: kafka.flushInterval: 5s is out of range (1ms to 1s)",
                        f + ":33: kafka.flushMaxEvents: \"lots\" is not a whole number",
                        f + ":34: kafka.outboxMaxRecords: \"1.5\" is not a whole number",
                        f
                                + ":35: kafka.eventsRetention: \"30\" needs a unit (use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)",
                        f
                                + ":37: kafka.properties: transactional.id cannot be set: Vigil sets it to vigil-<cluster.name>",
                        f + ":40: baseline.configMap: \"vigil\" is not namespace/name",
                        f + ":42: exceptions.configMap: \"Vigil/exceptions\": \"Vigil\" is not a namespace name",
                        f + ":44: kubernetes.kubeconfig: no such file: /nonexistent/kubeconfig");
    }

    @Test
    void theExceptionMessageListsOneProblemPerLine() {
        Path file = write(dir, "vigil.yaml", "http:\n  port: 70000\npipeline:\n  batchSize: -1\n");
        assertThat(ConfigTesting.failure(file, WITH_TOKEN).getMessage())
                .isEqualTo(file + ":2: http.port: 70000 is not a port (0-65535)\n" + file
                        + ":4: pipeline.batchSize: -1 is out of range (1-100000)");
    }

    @Test
    void environmentProblemsNameTheVariable() {
        assertThat(problems(
                        null,
                        env(
                                "VIGIL_HTTP_PORT",
                                "abc",
                                "VIGIL_KAFKA_ENABLED",
                                "true",
                                "VIGIL_AUDIT_CHECKS_ONLY",
                                "privileged-container,defualt-namespace",
                                "VIGIL_AUDIT_SEVERITY_OVERRIDES",
                                "privileged-container")))
                .containsExactly(
                        "env VIGIL_AUDIT_SEVERITY_OVERRIDES: audit.severityOverrides: expected key=value pairs "
                                + "separated by commas, got \"privileged-container\"",
                        "env VIGIL_HTTP_PORT: http.port: \"abc\" is not a port (0-65535)",
                        "env VIGIL_AUDIT_CHECKS_ONLY: audit.checks.only: unknown check id \"defualt-namespace\" "
                                + "(did you mean default-namespace?) (see 'vigil checks')",
                        "env VIGIL_KAFKA_ENABLED: kafka.enabled: Kafka is enabled but kafka.bootstrapServers is not set");
    }

    @Test
    void unknownKeysAreErrorsWithTheirLineAndASuggestion() {
        Path file = write(dir, "vigil.yaml", """
                htp:
                  port: 1
                http:
                  prot: 8080
                kafka:
                  bootstrap_servers: a:1
                port: 8080
                colour: blue
                audit:
                  checks:
                    onyl: [default-namespace]
                """);
        String f = file.toString();
        assertThat(problems(file, WITH_TOKEN))
                .containsExactly(
                        f + ":1: htp: unknown setting (did you mean http?)",
                        f + ":4: http.prot: unknown setting (did you mean http.port?)",
                        f + ":6: kafka.bootstrap_servers: unknown setting (did you mean kafka.bootstrapServers?)",
                        f + ":7: port: unknown setting (did you mean http.port?)",
                        f + ":8: colour: unknown setting",
                        f + ":11: audit.checks.onyl: unknown setting (did you mean audit.checks.only?)");
    }

    @Test
    void structuralMistakesInTheFileAreNamed() {
        Path file = write(dir, "vigil.yaml", """
                http: 8080
                audit:
                  allowedRegistries: {a: b}
                  severityOverrides: [privileged-container]
                cluster:
                  name: [a, b]
                pipeline:
                  batchSize: 1
                  batchSize: 2
                """);
        String f = file.toString();
        assertThat(problems(file, WITH_TOKEN))
                .containsExactly(
                        f + ":1: http: expected a mapping of settings",
                        f + ":3: audit.allowedRegistries: expected a list, not a mapping",
                        f + ":4: audit.severityOverrides: expected a mapping (key: value per line)",
                        f + ":6: cluster.name: expected a single value, not a list",
                        f + ":9: pipeline.batchSize: set twice (first on line 8)");
    }

    @Test
    void brokenOrMissingFilesAreNamed() {
        Path missing = dir.resolve("missing.yaml");
        assertThat(problems(missing, WITH_TOKEN)).containsExactly(missing + ": no such file");

        Path list = write(dir, "list.yaml", "- a\n- b\n");
        assertThat(problems(list, WITH_TOKEN)).containsExactly(list + ":1: expected a mapping of settings");

        Path two = write(dir, "two.yaml", "http:\n  port: 1\n---\nhttp:\n  port: 2\n");
        assertThat(problems(two, WITH_TOKEN)).containsExactly(two + ":4: only one YAML document is allowed");
    }

    @Test
    void brokenYamlNamesTheLineButNeverQuotesTheSource() {
        Path file = write(dir, "vigil.yaml", """
                kafka:
                  properties:
                    sasl.jaas.config: [hunter2-password
                    security.protocol: SSL
                """);
        List<String> problems = problems(file, WITH_TOKEN);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .startsWith(file + ":4: not valid YAML: while parsing a flow sequence; expected ',' or ']'")
                .doesNotContain("hunter2");
    }

    @Test
    void unknownVigilVariablesAreErrorsButServiceLinksAndTheAllowListAreNot() {
        Map<String, String> env = env(
                "VIGIL_HTTP_PROT", "8080",
                "VIGIL_KAFKA_BOOTSTRAP_SERVER", "a:1",
                "VIGIL_COLOUR", "blue",
                "VIGIL_SHARED_DIR", "/work/shared",
                "VIGIL_SERVICE_HOST", "10.0.0.1",
                "VIGIL_SERVICE_PORT", "8080",
                "VIGIL_SERVICE_PORT_HTTP", "8080",
                "VIGIL_PORT", "tcp://10.0.0.1:8080",
                "VIGIL_PORT_8080_TCP", "tcp://10.0.0.1:8080",
                "VIGIL_PORT_8080_TCP_ADDR", "10.0.0.1",
                "VIGIL_PORT_8080_TCP_PORT", "8080",
                "VIGIL_PORT_8080_TCP_PROTO", "tcp",
                "VIGIL_KAFKA_SERVICE_HOST", "10.0.0.2",
                "PATH", "/usr/bin");
        assertThat(problems(null, env))
                .containsExactly(
                        "env VIGIL_COLOUR: unknown setting variable",
                        "env VIGIL_HTTP_PROT: unknown setting variable (did you mean VIGIL_HTTP_PORT?)",
                        "env VIGIL_KAFKA_BOOTSTRAP_SERVER: unknown setting variable (did you mean VIGIL_KAFKA_BOOTSTRAP_SERVERS?)");
    }

    @Test
    void aServiceLinkShadowingASettingIsExplained() {
        assertThat(problems(null, env("VIGIL_HTTP_PORT", "tcp://10.0.0.1:8080")))
                .containsExactly(
                        "env VIGIL_HTTP_PORT: http.port: holds a Kubernetes service link (a Service named vigil-http exists): "
                                + "set enableServiceLinks: false in the pod spec");
    }

    @Test
    void emptyVariablesCountAsUnset() {
        VigilConfig c = load(null, env("VIGIL_HTTP_PORT", "", "VIGIL_KAFKA_BOOTSTRAP_SERVERS", " "));
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.kafka().enabled()).isFalse();
    }

    @Test
    void emptyValuesAndSectionsCountAsUnset() {
        Path file = write(dir, "vigil.yaml", """
                kubernetes:
                  # kubeconfig: ~/.kube/config
                http:
                  port:
                cluster: ~
                """);
        assertThat(load(file, WITH_TOKEN)).isEqualTo(load(null, WITH_TOKEN));
    }

    @Test
    void quotedEmptyValuesOfRequiredSettingsAreProblems() {
        Path file = write(dir, "vigil.yaml", "dataDir: \"\"\ncluster:\n  name: ''\n");
        assertThat(problems(file, WITH_TOKEN))
                .containsExactly(
                        file + ":1: dataDir: must not be empty",
                        file + ":3: cluster.name: \"\" is not a DNS-1123 label (lower-case letters, digits and '-', "
                                + "at most 63, alphanumeric at both ends)");
    }

    @Test
    void aHomeRelativePathIsExpanded() {
        VigilConfig c = load(null, env("VIGIL_DATA_DIR", "~/vigil"));
        assertThat(c.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), "vigil"));
    }

    @Test
    void portZeroMeansEphemeral() {
        assertThat(load(null, env("VIGIL_HTTP_PORT", "0")).http().port()).isZero();
    }

    @Test
    void baselineAndExceptionsSourcesAreParsed() {
        Path file = write(dir, "vigil.yaml", """
                baseline:
                  configMap: vigil/vigil-baseline.v1
                exceptions:
                  file: /etc/vigil/exceptions.yaml
                """);
        VigilConfig c = load(file, WITH_TOKEN);
        assertThat(c.baseline())
                .isEqualTo(new VigilConfig.Source(
                        Optional.empty(), Optional.of(new ConfigMapRef("vigil", "vigil-baseline.v1"))));
        assertThat(c.exceptions())
                .isEqualTo(
                        new VigilConfig.Source(Optional.of(Path.of("/etc/vigil/exceptions.yaml")), Optional.empty()));

        Path both = write(dir, "both.yaml", "baseline:\n  file: b.yaml\n  configMap: ns/name\n");
        assertThat(problems(both, WITH_TOKEN))
                .containsExactly(both + ":3: baseline.configMap: set baseline.file or baseline.configMap, not both");
    }

    @Test
    void anExistingKubeconfigAndAContextAreKept() {
        Path kubeconfig = write(dir, "kubeconfig", "apiVersion: v1\nkind: Config\n");
        VigilConfig c = load(
                null, env("VIGIL_KUBERNETES_KUBECONFIG", kubeconfig.toString(), "VIGIL_KUBERNETES_CONTEXT", "prod"));
        assertThat(c.kubernetes()).isEqualTo(new VigilConfig.Kubernetes(Optional.of(kubeconfig), Optional.of("prod")));
    }
}
