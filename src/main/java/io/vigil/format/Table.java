package io.vigil.format;

import io.vigil.model.Finding;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.scan.ScanReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The human output of {@code vigil scan}: findings grouped by namespace and object, wrapped to the terminal width
 * (the check id is never cut), severities coloured only when asked, and a summary line of counts by severity.
 */
public final class Table {
    static final String CLUSTER_SCOPED = "(cluster-scoped)";
    private static final int SEVERITY_WIDTH = "CRITICAL".length();
    private static final int FINDING_INDENT = 4;
    /** Below this much room beside the check id, the message goes on its own lines under it. */
    private static final int MIN_MESSAGE_WIDTH = 24;

    private Table() {}

    /**
     * How to print: the width to wrap at and whether to colour severities (only on a terminal, never with
     * {@code NO_COLOR}; the caller decides).
     */
    public record Style(int width, boolean color) {
        public static final int DEFAULT_WIDTH = 100;
        public static final Style PLAIN = new Style(DEFAULT_WIDTH, false);

        public Style {
            width = Math.max(width, 40);
        }
    }

    public static String render(ScanReport report) {
        return render(report, Style.PLAIN, f -> null);
    }

    /** @param note an extra line for a finding (e.g. its suppression), null for none */
    public static String render(ScanReport report, Style style, Function<Finding, String> note) {
        StringBuilder out = new StringBuilder();
        int checkWidth = report.findings().stream()
                .mapToInt(f -> f.checkId().length())
                .max()
                .orElse(0);
        for (var namespace : group(report.findings()).entrySet()) {
            out.append(namespace.getKey()).append('\n');
            for (var object : namespace.getValue().entrySet()) {
                out.append("  ").append(object.getKey()).append('\n');
                for (Finding f : object.getValue()) {
                    finding(out, f, checkWidth, style, note.apply(f));
                }
            }
            out.append('\n');
        }
        wrap(summary(report), style.width()).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** Namespace (cluster-scoped last), then object, in report order within each object. */
    private static Map<String, Map<String, List<Finding>>> group(List<Finding> findings) {
        Comparator<String> namespaces =
                Comparator.comparing((String ns) -> ns.equals(CLUSTER_SCOPED)).thenComparing(Comparator.naturalOrder());
        Map<String, Map<String, List<Finding>>> out = new TreeMap<>(namespaces);
        for (Finding f : findings) {
            ResourceRef r = f.resource();
            String ns = r.namespace() == null ? CLUSTER_SCOPED : "namespace " + r.namespace();
            out.computeIfAbsent(ns, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.kind() + " " + r.name(), k -> new ArrayList<>())
                    .add(f);
        }
        return out;
    }

    private static void finding(StringBuilder out, Finding f, int checkWidth, Style style, String note) {
        String severity = f.severity().label().toUpperCase(Locale.ROOT);
        String lead = " ".repeat(FINDING_INDENT)
                + paint(severity, f.severity(), style)
                + " ".repeat(SEVERITY_WIDTH - severity.length() + 2);
        int checkColumn = FINDING_INDENT + SEVERITY_WIDTH + 2;
        int messageColumn = checkColumn + checkWidth + 2;
        String indent = " ".repeat(checkColumn);
        List<String> details = new ArrayList<>();
        details.add(location(f));
        if (note != null) {
            details.add(note);
        }
        if (style.width() - messageColumn >= MIN_MESSAGE_WIDTH) {
            List<String> message = wrap(f.message(), style.width() - messageColumn);
            out.append(lead)
                    .append(f.checkId())
                    .append(" ".repeat(checkWidth - f.checkId().length() + 2))
                    .append(message.get(0))
                    .append('\n');
            message.subList(1, message.size())
                    .forEach(
                            l -> out.append(" ".repeat(messageColumn)).append(l).append('\n'));
        } else {
            out.append(lead).append(f.checkId()).append('\n');
            details.add(0, f.message());
        }
        for (String d : details) {
            wrap(d, style.width() - checkColumn)
                    .forEach(l -> out.append(indent).append(l).append('\n'));
        }
    }

    private static String location(Finding f) {
        String path = f.path() == null || f.path().isEmpty() ? "" : f.path();
        if (f.source() == null) {
            return path.isEmpty() ? "" : "at " + path;
        }
        return "at " + f.source() + (path.isEmpty() ? "" : " " + path);
    }

    /** Words onto lines of at most {@code width}; a word longer than a line is split (messages only, never ids). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : Objects.requireNonNullElse(text, "").split(" ")) {
            while (word.length() > width) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String paint(String label, Severity severity, Style style) {
        if (!style.color()) {
            return label;
        }
        String code = switch (severity) {
            case CRITICAL -> "1;31";
            case HIGH -> "31";
            case MEDIUM -> "33";
            case LOW -> "36";
            case INFO -> "2";
        };
        return "\u001b[" + code + "m" + label + "\u001b[0m";
    }

    public static String summary(ScanReport report) {
        StringBuilder s = new StringBuilder();
        s.append(report.findings().size()).append(report.findings().size() == 1 ? " finding" : " findings");
        List<String> parts = new ArrayList<>();
        for (Severity sev : Severity.values()) {
            long n = report.findings().stream().filter(f -> f.severity() == sev).count();
            if (n > 0) {
                parts.add(n + " " + sev.label());
            }
        }
        if (!parts.isEmpty()) {
            s.append(" (").append(String.join(", ", parts)).append(')');
        }
        s.append(" in ")
                .append(report.objects())
                .append(report.objects() == 1 ? " object" : " objects")
                .append(" from ")
                .append(report.files())
                .append(report.files() == 1 ? " file" : " files");
        if (!report.errors().isEmpty()) {
            s.append("; ")
                    .append(report.errors().size())
                    .append(" input error")
                    .append(report.errors().size() == 1 ? "" : "s");
        }
        return s.toString();
    }

    /** Left-aligned columns; the last column is not padded. */
    public static String columns(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols - 1; i++) {
                width[i] = Math.max(width[i], r[i] == null ? 0 : r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                String cell = r[i] == null ? "" : r[i];
                out.append(i == cols - 1 ? cell : String.format("%-" + width[i] + "s  ", cell));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
