package io.vigil.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The untyped layers (file, then environment) merged key by key. Map-shaped settings are kept per
 * entry so that a single Kafka property can be overridden and each entry keeps its own origin.
 */
final class RawConfig {
    private final Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    private final Map<Setting, Map<String, RawValue>> entries = new EnumMap<>(Setting.class);

    void put(Setting setting, RawValue value) {
        values.put(setting, value);
    }

    void putEntry(Setting setting, String key, RawValue value) {
        entries.computeIfAbsent(setting, s -> new LinkedHashMap<>()).put(key, value);
    }

    void replaceEntries(Setting setting, Map<String, RawValue> replacement) {
        entries.put(setting, new LinkedHashMap<>(replacement));
    }

    Optional<RawValue> get(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    Map<String, RawValue> entries(Setting setting) {
        return Collections.unmodifiableMap(entries.getOrDefault(setting, Map.of()));
    }
}
