package io.vigil.config;

import static io.vigil.config.Setting.*;

import io.vigil.config.VigilConfig.Audit;
import io.vigil.config.VigilConfig.ConfigMapRef;
import io.vigil.config.VigilConfig.Source;
import io.vigil.model.Masking;
import io.vigil.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Builds the {@link VigilConfig} of {@code vigil watch}: defaults, then the YAML file, then {@code VIGIL_*}
 * environment variables (env wins). Everything is checked before anything starts, and all problems are
 * thrown together as one {@link ConfigException}.
 */
public final class ConfigLoader {
    private final Set<String> knownCheckIds;

    /** @param knownCheckIds the ids check settings may name (the catalogue of the running binary) */
    public ConfigLoader(Set<String> knownCheckIds) {
        this.knownCheckIds = Set.copyOf(knownCheckIds);
    }

    /** The variable holding the API bearer token ({@code api.tokenFile} is the other way): not a file setting. */
    public static final String API_TOKEN_VARIABLE = EnvOverrides.API_TOKEN;

    /**
     * The configuration of {@code settings} over the defaults, each given as its {@code VIGIL_*} variable would
     * give it: how the demo and the tests configure a service, through the same validation as {@code vigil watch}.
     *
     * @param apiToken the bearer token, as {@value EnvOverrides#API_TOKEN} would give it; null for none
     * @throws ConfigException naming every problem, each with its variable
     */
    public VigilConfig load(Map<Setting, String> settings, String apiToken) {
        Map<String, String> env = new LinkedHashMap<>();
        settings.forEach((setting, value) -> env.put(setting.envName(), value));
        if (apiToken != null) {
            env.put(API_TOKEN_VARIABLE, apiToken);
        }
        return load(Optional.empty(), env);
    }

    /** @throws ConfigException naming every problem, each with its file line or variable */
    public VigilConfig load(Optional<Path> file, Map<String, String> env) {
        Problems problems = new Problems();
        RawConfig raw = new RawConfig();
        file.ifPresent(f -> YamlConfigFile.read(f, raw, problems));
        EnvOverrides.apply(env, raw, problems);
        Binder b = new Binder(raw, problems);
        VigilConfig config = new VigilConfig(
                new VigilConfig.Cluster(b.typed(CLUSTER_NAME, Forms::dnsLabel)),
                kubernetes(b),
                new VigilConfig.Http(b.typed(HTTP_HOST, Forms::host), b.port(HTTP_PORT)),
                new ApiBinding(b, problems).bind(env),
                audit(b),
                new VigilConfig.Pipeline(
                        b.duration(PIPELINE_FULL_EVALUATION_INTERVAL, Duration.ofSeconds(10), Duration.ofDays(1)),
                        b.integer(PIPELINE_BATCH_SIZE, 1, 100_000),
                        b.duration(PIPELINE_WATCH_HEALTH_INTERVAL, Duration.ofMillis(100), Duration.ofMinutes(5))),
                new VigilConfig.Metrics(b.bool(METRICS_NAMESPACE_FINDINGS)),
                new VigilConfig.Log(
                        b.choice(LOG_FORMAT, VigilConfig.Log.Format.class),
                        b.choice(LOG_LEVEL, VigilConfig.Log.Level.class)),
                b.requiredPath(DATA_DIR),
                new KafkaBinding(b).bind(),
                source(b, BASELINE_FILE, BASELINE_CONFIG_MAP),
                source(b, EXCEPTIONS_FILE, EXCEPTIONS_CONFIG_MAP),
                secrets(b),
                new LeaderElectionBinding(b).bind(),
                b.bool(EXCEPTIONS_ANNOTATIONS));
        problems.throwIfAny();
        return config;
    }

    private static VigilConfig.Secrets secrets(Binder b) {
        Optional<Path> file = b.path(SECRETS_MASK_KEY_FILE);
        Optional<Masking> key = Optional.empty();
        if (file.isPresent()) {
            try {
                key = Optional.of(MaskKeyFile.read(file.get()));
            } catch (MaskKeyFile.Invalid e) {
                b.problem(SECRETS_MASK_KEY_FILE, e.getMessage());
            }
        }
        return new VigilConfig.Secrets(file, key);
    }

    private static VigilConfig.Kubernetes kubernetes(Binder b) {
        Optional<Path> kubeconfig = b.path(KUBERNETES_KUBECONFIG);
        kubeconfig
                .filter(p -> !Files.isRegularFile(p))
                .ifPresent(p -> b.problem(KUBERNETES_KUBECONFIG, "no such file: " + p));
        Optional<String> context = b.text(KUBERNETES_CONTEXT).filter(c -> !c.isEmpty());
        return new VigilConfig.Kubernetes(kubeconfig, context);
    }

    private Audit audit(Binder b) {
        List<String> systemNamespaces = valid(b, AUDIT_SYSTEM_NAMESPACES, Forms::dnsLabel);
        List<String> registries = valid(b, AUDIT_ALLOWED_REGISTRIES, Forms::registryPrefix);
        List<String> only = valid(b, AUDIT_CHECKS_ONLY, this::checkId);
        List<String> skip = valid(b, AUDIT_CHECKS_SKIP, this::checkId);
        only.stream()
                .filter(skip::contains)
                .forEach(id -> b.problem(AUDIT_CHECKS_SKIP, "\"" + id + "\" is also in audit.checks.only"));
        return new Audit(
                Set.copyOf(systemNamespaces),
                b.bool(AUDIT_INCLUDE_SYSTEM),
                registries,
                severityOverrides(b),
                only,
                skip);
    }

    private Map<String, Severity> severityOverrides(Binder b) {
        Map<String, Severity> out = new LinkedHashMap<>();
        b.entries(AUDIT_SEVERITY_OVERRIDES).forEach((id, value) -> {
            try {
                checkId(id);
            } catch (IllegalArgumentException e) {
                b.problem(value.origin(), AUDIT_SEVERITY_OVERRIDES, e.getMessage());
                return;
            }
            Optional<Severity> severity =
                    value.node().isValueNode() ? Severity.parse(value.node().asText()) : Optional.empty();
            if (severity.isEmpty()) {
                b.problem(
                        value.origin(),
                        AUDIT_SEVERITY_OVERRIDES,
                        id + ": " + Binder.shown(value.node().asText(""))
                                + " is not a severity (critical, high, medium, low, info)");
            } else {
                out.put(id, severity.get());
            }
        });
        return out;
    }

    private String checkId(String id) {
        if (!knownCheckIds.contains(id)) {
            throw new IllegalArgumentException("unknown check id " + Binder.shown(id)
                    + Suggestions.hint(id, knownCheckIds) + " (see 'vigil checks')");
        }
        return id;
    }

    /** Checks each element of a list setting on its own line, keeping the valid ones. */
    static List<String> valid(Binder b, Setting s, UnaryOperator<String> form) {
        return valid(b, s, b.items(s), form);
    }

    static List<String> valid(Binder b, Setting s, List<Binder.Item> items, UnaryOperator<String> form) {
        List<String> out = new ArrayList<>();
        for (Binder.Item item : items) {
            try {
                out.add(form.apply(item.value()));
            } catch (IllegalArgumentException e) {
                b.problem(item.origin(), s, e.getMessage());
            }
        }
        return out;
    }

    private static Source source(Binder b, Setting fileSetting, Setting configMapSetting) {
        Optional<Path> file = b.path(fileSetting);
        Optional<ConfigMapRef> configMap = b.text(configMapSetting).flatMap(t -> {
            try {
                return Optional.of(Forms.configMap(t));
            } catch (IllegalArgumentException e) {
                b.problem(configMapSetting, e.getMessage());
                return Optional.empty();
            }
        });
        if (file.isPresent() && configMap.isPresent()) {
            b.problem(configMapSetting, "set " + fileSetting.path() + " or " + configMapSetting.path() + ", not both");
        }
        return new Source(file, configMap);
    }
}
