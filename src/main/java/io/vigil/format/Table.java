package io.vigil.format;

import io.vigil.model.Finding;
import io.vigil.model.Severity;
import io.vigil.scan.ScanReport;
import java.util.ArrayList;
import java.util.List;

/** The human table of {@code vigil scan}: one line per finding, then a summary. */
public final class Table {
    private Table() {}

    public static String render(ScanReport report) {
        StringBuilder out = new StringBuilder();
        if (!report.findings().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SEVERITY", "CHECK", "RESOURCE", "LOCATION", "MESSAGE"});
            for (Finding f : report.findings()) {
                rows.add(new String[] {
                    f.severity().label().toUpperCase(java.util.Locale.ROOT),
                    f.checkId(),
                    f.resource().display(),
                    f.source() == null ? f.path() : f.source().toString(),
                    f.message()
                });
            }
            out.append(columns(rows));
            out.append('\n');
        }
        out.append(summary(report)).append('\n');
        return out.toString();
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
