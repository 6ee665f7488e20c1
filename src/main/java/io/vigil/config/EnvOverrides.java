package io.vigil.config;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code VIGIL_*} environment variables laid over the file. A misspelt variable fails start-up like a
 * misspelt key would, because a silently ignored override is a security setting that never applied.
 */
final class EnvOverrides {
    /** The bearer token: read by the loader, never a file setting. */
    static final String API_TOKEN = "VIGIL_API_TOKEN";
    /** Variables that start with {@code VIGIL_} but are not settings. */
    static final Set<String> NOT_SETTINGS = Set.of(API_TOKEN, "VIGIL_SHARED_DIR");
    /** {@code VIGIL_KAFKA_PROPERTY_SECURITY_PROTOCOL} sets the client property {@code security.protocol}. */
    static final String KAFKA_PROPERTY_PREFIX = "VIGIL_KAFKA_PROPERTY_";

    /**
     * Kubernetes injects {@code <SERVICE>_SERVICE_HOST}, {@code <SERVICE>_PORT...} for every Service in
     * the namespace; a Service called {@code vigil} must not stop Vigil from starting.
     */
    private static final Pattern SERVICE_LINK = Pattern.compile(
            "VIGIL(_[A-Z0-9_]+)?_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)");

    private static final Pattern SERVICE_LINK_VALUE = Pattern.compile("(tcp|udp|sctp)://.*");

    private EnvOverrides() {}

    static void apply(Map<String, String> env, RawConfig raw, Problems problems) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (!name.startsWith(Setting.ENV_PREFIX)
                    || NOT_SETTINGS.contains(name)
                    || value == null
                    || value.isBlank()
                    || SERVICE_LINK.matcher(name).matches()) {
                continue;
            }
            Origin origin = Origin.env(name);
            var setting = Setting.byEnvName(name);
            if (name.startsWith(KAFKA_PROPERTY_PREFIX)) {
                kafkaProperty(name, value, raw, problems);
            } else if (setting.isEmpty()) {
                if (!(name.endsWith("_PORT")
                        && SERVICE_LINK_VALUE.matcher(value).matches())) {
                    problems.add(origin, null, "unknown setting variable" + Suggestions.hint(name, knownNames()));
                }
            } else if (SERVICE_LINK_VALUE.matcher(value).matches() && name.endsWith("_PORT")) {
                problems.add(
                        origin,
                        setting.get().path(),
                        "holds a Kubernetes service link (a Service named "
                                + name.substring(0, name.length() - "_PORT".length())
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', '-')
                                + " exists): set enableServiceLinks: false in the pod spec");
            } else if (setting.get() == Setting.KAFKA_PROPERTIES) {
                problems.add(
                        origin,
                        setting.get().path(),
                        "set one variable per property, e.g. " + KAFKA_PROPERTY_PREFIX + "SECURITY_PROTOCOL=SSL");
            } else if (setting.get().isMap()) {
                raw.replaceEntries(setting.get(), pairs(name, value, setting.get(), problems));
            } else {
                raw.put(setting.get(), new RawValue(TextNode.valueOf(value.strip()), origin));
            }
        }
    }

    static List<String> knownNames() {
        List<String> names = new ArrayList<>(
                Arrays.stream(Setting.values()).map(Setting::envName).toList());
        names.addAll(NOT_SETTINGS);
        return names;
    }

    /** Kafka property names are lower-case and dotted, so {@code _} can stand for {@code .} unambiguously. */
    private static void kafkaProperty(String name, String value, RawConfig raw, Problems problems) {
        String suffix = name.substring(KAFKA_PROPERTY_PREFIX.length());
        if (suffix.isEmpty() || !suffix.matches("[A-Z0-9]+(_[A-Z0-9]+)*")) {
            problems.add(
                    Origin.env(name),
                    Setting.KAFKA_PROPERTIES.path(),
                    "expected " + KAFKA_PROPERTY_PREFIX + "<NAME>, e.g. " + KAFKA_PROPERTY_PREFIX
                            + "SECURITY_PROTOCOL");
            return;
        }
        String property = suffix.toLowerCase(Locale.ROOT).replace('_', '.');
        raw.putEntry(Setting.KAFKA_PROPERTIES, property, new RawValue(TextNode.valueOf(value), Origin.env(name)));
    }

    /** {@code key=value,key=value}: the whole map, replacing the file's. */
    private static Map<String, RawValue> pairs(String name, String value, Setting setting, Problems problems) {
        Map<String, RawValue> out = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                problems.add(
                        Origin.env(name),
                        setting.path(),
                        "expected key=value pairs separated by commas, got \"" + pair.strip() + "\"");
                continue;
            }
            out.put(
                    pair.substring(0, eq).strip(),
                    new RawValue(TextNode.valueOf(pair.substring(eq + 1).strip()), Origin.env(name)));
        }
        return out;
    }
}
