package io.vigil.config;

import io.vigil.check.AuditSettings;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of {@code vigil watch}, once. The file reader, the environment overrides, the binder's
 * defaults and {@code docs/configuration.md} all derive from this list, so they cannot disagree.
 */
public enum Setting {
    CLUSTER_NAME(
            "cluster.name",
            "slug",
            "default",
            "Cluster name (DNS-1123 label); part of every finding id and of the Kafka transactional id"),
    KUBERNETES_KUBECONFIG(
            "kubernetes.kubeconfig",
            "path",
            null,
            "kubeconfig file; unset: `KUBECONFIG`, `~/.kube/config`, then the in-cluster service account"),
    KUBERNETES_CONTEXT("kubernetes.context", "string", null, "kubeconfig context; unset: the current context"),
    HTTP_PORT("http.port", "port", "8080", "HTTP port (0-65535; 0 picks a free port)"),
    HTTP_HOST("http.host", "string", "0.0.0.0", "address the HTTP server binds"),
    API_AUTH(
            "api.auth", "token|none", "token", "`/api/*` authentication: a bearer token, or `none` (explicit opt-out)"),
    API_TOKEN_FILE(
            "api.tokenFile",
            "path",
            null,
            "file holding the bearer token (a mounted Secret); or set `VIGIL_API_TOKEN`, not both"),
    SECRETS_MASK_KEY_FILE(
            "secrets.maskKeyFile",
            "path",
            null,
            "key (at least 16 bytes; a mounted Secret, the same in every replica) of the HMAC in masked secret values;"
                    + " unset: generated as `mask.key` in `dataDir`"),
    AUDIT_SYSTEM_NAMESPACES(
            "audit.systemNamespaces",
            "list",
            AuditSettings.DEFAULT_SYSTEM_NAMESPACES.stream().sorted().collect(Collectors.joining(",")),
            "namespaces skipped by workload and RBAC checks"),
    AUDIT_INCLUDE_SYSTEM(
            "audit.includeSystem", "boolean", "false", "also audit system namespaces and built-in RBAC objects"),
    AUDIT_ALLOWED_REGISTRIES(
            "audit.allowedRegistries",
            "list",
            "",
            "trusted image registry/repository prefixes; empty disables `image-untrusted-registry`"),
    AUDIT_SEVERITY_OVERRIDES(
            "audit.severityOverrides", "map", "", "check id to severity (critical, high, medium, low, info)"),
    AUDIT_CHECKS_ONLY("audit.checks.only", "list", "", "run only these check ids (empty: all)"),
    AUDIT_CHECKS_SKIP("audit.checks.skip", "list", "", "do not run these check ids"),
    PIPELINE_FULL_EVALUATION_INTERVAL(
            "pipeline.fullEvaluationInterval",
            "duration",
            "10m",
            "period of the full re-evaluation and re-list (10s-1d)"),
    PIPELINE_BATCH_SIZE("pipeline.batchSize", "integer", "512", "keys evaluated per batch (1-100000)"),
    PIPELINE_WATCH_HEALTH_INTERVAL(
            "pipeline.watchHealthInterval", "duration", "1s", "how often informer health is checked (100ms-5m)"),
    METRICS_NAMESPACE_FINDINGS(
            "metrics.namespaceFindings",
            "boolean",
            "true",
            "export `vigil_namespace_findings_open{namespace,severity}`"),
    LOG_FORMAT("log.format", "text|json", "text", "log line format"),
    LOG_LEVEL("log.level", "level", "info", "trace, debug, info, warn or error"),
    DATA_DIR("dataDir", "path", "./vigil-data", "Kafka outbox and last config digest"),
    KAFKA_ENABLED("kafka.enabled", "boolean", null, "publish finding events to Kafka"),
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrapServers", "list", "", "`host:port` entries"),
    KAFKA_EVENTS_TOPIC("kafka.eventsTopic", "topic", "vigil.finding-events.v1", "append-only lifecycle events"),
    KAFKA_STATE_TOPIC("kafka.stateTopic", "topic", "vigil.findings.v1", "compacted current state per finding"),
    KAFKA_EVENTS_RETENTION(
            "kafka.eventsRetention",
            "duration",
            "30d",
            "`retention.ms` of the events topic when Vigil creates it (1m-3650d)"),
    KAFKA_CREATE_TOPICS("kafka.createTopics", "boolean", "true", "create missing topics at start"),
    KAFKA_FLUSH_INTERVAL(
            "kafka.flushInterval", "duration", "10ms", "longest wait before a transaction is committed (1ms-1s)"),
    KAFKA_FLUSH_MAX_EVENTS("kafka.flushMaxEvents", "integer", "500", "events per transaction (1-100000)"),
    KAFKA_OUTBOX_MAX_RECORDS(
            "kafka.outboxMaxRecords", "integer", "100000", "outbox capacity before backpressure (1-10000000)"),
    KAFKA_PROPERTIES(
            "kafka.properties",
            "map",
            "",
            "Kafka client properties passed through verbatim (e.g. `security.protocol`)"),
    BASELINE_FILE("baseline.file", "path", null, "baseline document; or `baseline.configMap`, not both"),
    BASELINE_CONFIG_MAP("baseline.configMap", "namespace/name", null, "ConfigMap holding the baseline"),
    EXCEPTIONS_FILE("exceptions.file", "path", null, "exceptions document; or `exceptions.configMap`, not both"),
    EXCEPTIONS_CONFIG_MAP("exceptions.configMap", "namespace/name", null, "ConfigMap holding the exceptions"),
    EXCEPTIONS_ANNOTATIONS(
            "exceptions.annotations",
            "boolean",
            "false",
            "also apply `vigil.io/exempt` annotations of the audited objects (off: anyone who may edit a workload"
                    + " could exempt it)"),
    LEADER_ELECTION_ENABLED(
            "leaderElection.enabled",
            "boolean",
            "false",
            "elect one publishing replica on a `coordination.k8s.io` Lease (HA); every replica watches and evaluates"),
    LEADER_ELECTION_LEASE_NAME("leaderElection.leaseName", "name", "vigil-leader", "name of the Lease"),
    LEADER_ELECTION_LEASE_NAMESPACE(
            "leaderElection.leaseNamespace", "name", "vigil", "namespace of the Lease (Vigil's own namespace)"),
    LEADER_ELECTION_LEASE_DURATION(
            "leaderElection.leaseDuration",
            "duration",
            "15s",
            "how long a Lease holds without renewal before another replica may take it (2s-5m)"),
    LEADER_ELECTION_RENEW_DEADLINE(
            "leaderElection.renewDeadline",
            "duration",
            "10s",
            "a leader that could not renew for this long stops publishing; renewDeadline + retryPeriod must be"
                    + " less than leaseDuration (1s-5m)"),
    LEADER_ELECTION_RETRY_PERIOD(
            "leaderElection.retryPeriod",
            "duration",
            "2s",
            "how often replicas try to acquire or renew the Lease (100ms-1m; below renewDeadline / 1.2)");

    /** Prefix of every environment override. */
    public static final String ENV_PREFIX = "VIGIL_";

    private static final Map<String, Setting> BY_PATH =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Setting::path, Function.identity()));
    private static final Map<String, Setting> BY_ENV =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Setting::envName, Function.identity()));

    private final String path;
    private final String type;
    private final String defaultText;
    private final String doc;

    Setting(String path, String type, String defaultText, String doc) {
        this.path = path;
        this.type = type;
        this.defaultText = defaultText;
        this.doc = doc;
    }

    public String path() {
        return path;
    }

    /** Human-readable type, for the docs. */
    public String type() {
        return type;
    }

    /** The default in the syntax a user would write it, parsed like user input; empty when none or computed. */
    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultText);
    }

    public String doc() {
        return doc;
    }

    public boolean isList() {
        return "list".equals(type);
    }

    public boolean isMap() {
        return "map".equals(type);
    }

    /** {@code VIGIL_} + the path upper-snake-cased: dots and camelCase humps become underscores. */
    public String envName() {
        StringBuilder out = new StringBuilder(ENV_PREFIX);
        for (char c : path.toCharArray()) {
            if (c == '.') {
                out.append('_');
            } else if (Character.isUpperCase(c)) {
                out.append('_').append(c);
            } else {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    public static Optional<Setting> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    public static Optional<Setting> byEnvName(String name) {
        return Optional.ofNullable(BY_ENV.get(name));
    }

    /** True when {@code path} names a group of settings ({@code kafka}, {@code audit.checks}). */
    public static boolean isSection(String path) {
        return BY_PATH.keySet().stream().anyMatch(p -> p.startsWith(path + "."));
    }

    /** The keys a user may write directly under {@code section} ("" for the top level). */
    public static Set<String> keysUnder(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        return BY_PATH.keySet().stream()
                .filter(p -> p.startsWith(prefix))
                .map(p -> p.substring(prefix.length()).split("\\.", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
