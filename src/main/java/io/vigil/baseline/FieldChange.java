package io.vigil.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One fingerprinted field whose value differs from the baseline: the baseline's value and the current
 * one, each verbatim or {@code sha256:<hex>}, null when the field is not set.
 */
public record FieldChange(String field, String baseline, String current) {
    static final String ABSENT = "(absent)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fields whose values differ, in field order. */
    public static List<FieldChange> between(Map<String, String> baseline, Map<String, String> current) {
        Set<String> names = new TreeSet<>(baseline.keySet());
        names.addAll(current.keySet());
        List<FieldChange> out = new ArrayList<>();
        for (String name : names) {
            String b = baseline.get(name);
            String c = current.get(name);
            if (!Objects.equals(b, c)) {
                out.add(new FieldChange(name, b, c));
            }
        }
        return out;
    }

    /**
     * A readable diff: elements added and removed for list values ({@code subjects: +{"kind":"User",...}}),
     * {@code old -> new} otherwise; hashes shortened.
     */
    public String describe() {
        if (baseline == null) {
            return field + " added: " + shorten(current);
        }
        if (current == null) {
            return field + " removed (was " + shorten(baseline) + ")";
        }
        List<String> was = elements(baseline);
        List<String> now = elements(current);
        if (was != null && now != null) {
            List<String> parts = new ArrayList<>();
            Set<String> before = new LinkedHashSet<>(was);
            Set<String> after = new LinkedHashSet<>(now);
            after.stream().filter(e -> !before.contains(e)).forEach(e -> parts.add("+" + e));
            before.stream().filter(e -> !after.contains(e)).forEach(e -> parts.add("-" + e));
            if (!parts.isEmpty()) {
                return field + ": " + String.join(", ", parts);
            }
            return field + ": reordered " + shorten(baseline) + " -> " + shorten(current);
        }
        return field + ": " + shorten(baseline) + " -> " + shorten(current);
    }

    static String orAbsent(String value) {
        return value == null ? ABSENT : value;
    }

    /** {@code sha256:0123456789ab…} for hashes; other values as they are. */
    static String shorten(String value) {
        if (value == null) {
            return ABSENT;
        }
        if (value.startsWith(Fingerprints.HASH_PREFIX) && value.length() > Fingerprints.HASH_PREFIX.length() + 12) {
            return value.substring(0, Fingerprints.HASH_PREFIX.length() + 12) + "…";
        }
        return value;
    }

    /** The canonical elements of a verbatim JSON array value; null for anything else. */
    private static List<String> elements(String value) {
        if (!value.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (!node.isArray()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            node.forEach(e -> out.add(Canonical.json(e)));
            return out;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
