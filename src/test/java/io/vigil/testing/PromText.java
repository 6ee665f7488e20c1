package io.vigil.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4) as Vigil serves it, enough for tests to
 * assert on exact series: every sample line must parse, or the scrape is rejected.
 */
public final class PromText {
    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?");
    private static final Pattern LABEL =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

    /** One series' value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

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
            samples.add(new Sample(
                    m.group(1),
                    labels(m.group(2), line),
                    Double.parseDouble(m.group(3).replace("Inf", "Infinity"))));
        }
        return new PromText(List.copyOf(samples), types, helps);
    }

    /**
     * OpenMetrics 1.0 text, strictly: every family declared by {@code # TYPE} before its samples and never
     * again, each sample named by its family plus a suffix its type allows, no blank lines, {@code # EOF} last.
     */
    public static PromText parseOpenMetrics(String text) {
        if (!text.endsWith("# EOF\n") && !text.endsWith("# EOF")) {
            throw new IllegalArgumentException("OpenMetrics exposition does not end with # EOF");
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        String family = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("# EOF")) {
                if (i != lines.length - 1) {
                    throw new IllegalArgumentException("content after # EOF");
                }
                break;
            }
            if (line.isEmpty()) {
                throw new IllegalArgumentException("blank line " + (i + 1));
            }
            if (line.startsWith("# ")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 4) {
                    throw new IllegalArgumentException("bad descriptor: " + line);
                }
                switch (parts[1]) {
                    case "TYPE" -> {
                        if (types.containsKey(parts[2])) {
                            throw new IllegalArgumentException("family declared twice: " + parts[2]);
                        }
                        if (!Set.of(
                                        "counter",
                                        "gauge",
                                        "histogram",
                                        "gaugehistogram",
                                        "summary",
                                        "info",
                                        "stateset",
                                        "unknown")
                                .contains(parts[3])) {
                            throw new IllegalArgumentException("bad type: " + line);
                        }
                        types.put(parts[2], parts[3]);
                        family = parts[2];
                    }
                    case "HELP" -> helps.put(parts[2], parts[3]);
                    case "UNIT" -> {
                        if (!parts[2].endsWith("_" + parts[3])) {
                            throw new IllegalArgumentException("family name does not end with its unit: " + line);
                        }
                    }
                    default -> throw new IllegalArgumentException("bad descriptor: " + line);
                }
                if (!parts[1].equals("TYPE") && !parts[2].equals(family)) {
                    throw new IllegalArgumentException(parts[1] + " outside its family: " + line);
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line.replaceFirst(" # \\{.*$", ""));
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            String name = m.group(1);
            if (family == null
                    || !SUFFIXES.getOrDefault(types.get(family), List.of(""))
                            .contains(name.startsWith(family) ? name.substring(family.length()) : "?")) {
                throw new IllegalArgumentException("sample outside its family " + family + ": " + line);
            }
            samples.add(new Sample(
                    name,
                    labels(m.group(2), line),
                    Double.parseDouble(m.group(3).replace("Inf", "Infinity"))));
        }
        return new PromText(List.copyOf(samples), types, helps);
    }

    private static final Map<String, List<String>> SUFFIXES = Map.of(
            "counter", List.of("_total", "_created"),
            "gauge", List.of(""),
            "histogram", List.of("_bucket", "_count", "_sum", "_created"),
            "summary", List.of("", "_count", "_sum", "_created"),
            "info", List.of("_info"),
            "unknown", List.of(""));

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
            out.put(
                    m.group(1),
                    m.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
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
        return samples(name).stream()
                .filter(s -> s.labels().equals(labels))
                .map(Sample::value)
                .findFirst();
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
