package io.vigil.config;

import io.vigil.check.AuditSettings;
import io.vigil.check.CheckCatalog;
import io.vigil.model.Masking;
import io.vigil.model.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration of {@code vigil watch}, typed and already validated: code that holds one never
 * re-checks a value. Build it with {@link ConfigLoader}; {@code docs/configuration.md} documents each setting.
 */
public record VigilConfig(
        Cluster cluster,
        Kubernetes kubernetes,
        Http http,
        ApiConfig api,
        Audit audit,
        Pipeline pipeline,
        Metrics metrics,
        Log log,
        Path dataDir,
        KafkaConfig kafka,
        Source baseline,
        Source exceptions,
        Secrets secrets,
        LeaderElection leaderElection,
        boolean exceptionAnnotations) {

    public record Cluster(String name) {}

    /**
     * @param maskKey the key of {@code secrets.maskKeyFile}, read and validated; empty when the setting is unset
     *     ({@code vigil watch} then keeps a generated key in {@code dataDir})
     */
    public record Secrets(Optional<Path> maskKeyFile, Optional<Masking> maskKey) {}

    /** Both empty: fabric8's auto-configuration (KUBECONFIG, ~/.kube/config, in-cluster). */
    public record Kubernetes(Optional<Path> kubeconfig, Optional<String> context) {}

    public record Http(String host, int port) {}

    /** @param onlyChecks empty means every check */
    public record Audit(
            Set<String> systemNamespaces,
            boolean includeSystem,
            List<String> allowedRegistries,
            Map<String, Severity> severityOverrides,
            List<String> onlyChecks,
            List<String> skipChecks) {
        public Audit {
            systemNamespaces = Set.copyOf(systemNamespaces);
            allowedRegistries = List.copyOf(allowedRegistries);
            severityOverrides = Map.copyOf(severityOverrides);
            onlyChecks = List.copyOf(onlyChecks);
            skipChecks = List.copyOf(skipChecks);
        }

        /** The checks to run; ids were validated at load, so this does not throw for a loaded config. */
        public CheckCatalog select(CheckCatalog catalog) {
            return catalog.select(onlyChecks, skipChecks);
        }
    }

    /**
     * {@code leaderElection.*}: validated so that a leader that cannot renew stops publishing before its Lease
     * expires (renewDeadline + retryPeriod &lt; leaseDuration).
     */
    public record LeaderElection(
            boolean enabled,
            String leaseName,
            String leaseNamespace,
            Duration leaseDuration,
            Duration renewDeadline,
            Duration retryPeriod) {
        public String lease() {
            return leaseNamespace + "/" + leaseName;
        }
    }

    public record Pipeline(Duration fullEvaluationInterval, int batchSize, Duration watchHealthInterval) {}

    public record Metrics(boolean namespaceFindings) {}

    public record Log(Format format, Level level) {
        public enum Format {
            TEXT,
            JSON
        }

        public enum Level {
            TRACE,
            DEBUG,
            INFO,
            WARN,
            ERROR
        }
    }

    /** Where a baseline or the exceptions come from: a file, a ConfigMap, or nowhere (both empty). */
    public record Source(Optional<Path> file, Optional<ConfigMapRef> configMap) {
        public static final Source NONE = new Source(Optional.empty(), Optional.empty());

        public boolean isConfigured() {
            return file.isPresent() || configMap.isPresent();
        }
    }

    public record ConfigMapRef(String namespace, String name) {
        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /** The policy knobs the evaluator and the checks read (masking with the configured key, if any). */
    public AuditSettings auditSettings() {
        return new AuditSettings(
                cluster.name(),
                audit.systemNamespaces(),
                audit.includeSystem(),
                audit.allowedRegistries(),
                audit.severityOverrides(),
                secrets.maskKey().orElse(Masking.unkeyed()));
    }

    /** DESIGN §7: one transactional producer per cluster name, so a restarted instance fences the dead one. */
    public String kafkaTransactionalId() {
        return "vigil-" + cluster.name();
    }
}
