package io.vigil.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4) as Vigil serves it, enough for tests to
 * assert on exact series: every sample line must parse, or the scrape is rejected.
 */
public final class PromText {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?");
    private static final Pattern LABEL = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

    /** One series' value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;
    private final Map<String, String> helps;

    private PromText(List<Sample> samples, Map<String, String> types, Map<String, String> helps) {
        this.samples = samples;
        this.types = types;
        this.helps = helps;
    }

    public static PromText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                types.put(parts[0], parts[1]);
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                helps.put(parts[0], parts.length > 1 ? parts[1] : "");
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            samples.add(new Sample(m.group(1), labels(m.group(2), line), Double.parseDouble(m.group(3))));
        }
        return new PromText(List.copyOf(samples), types, helps);
    }

    private static Map<String, String> labels(String text, String line) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("bad labels in: " + line);
            }
            out.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
            at = m.end();
        }
        return out;
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the series with exactly these labels. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples(name).stream().filter(s -> s.labels().equals(labels)).map(Sample::value).findFirst();
    }

    /** {@code # TYPE} per metric family name. */
    public Map<String, String> types() {
        return types;
    }

    /** {@code # HELP} per metric family name. */
    public Map<String, String> helps() {
        return helps;
    }
}
