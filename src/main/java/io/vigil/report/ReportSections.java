package io.vigil.report;

import static io.vigil.report.Doc.code;
import static io.vigil.report.Doc.row;
import static io.vigil.report.Doc.strong;
import static io.vigil.report.Doc.text;

import io.vigil.config.Version;
import io.vigil.model.Finding;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import io.vigil.report.Doc.Inline;
import java.util.ArrayList;
import java.util.List;

/** Sections every report shares: the header, the status legend, finding and exception tables, input problems. */
final class ReportSections {
    private ReportSections() {}

    static void header(Doc doc, ReportInput input, List<List<List<Inline>>> extra) {
        List<List<List<Inline>>> rows = new ArrayList<>();
        rows.add(row("Cluster", input.cluster()));
        rows.add(row("Input", input.description()));
        rows.add(row("Period covered", input.period()));
        rows.add(row("Generated", input.generatedAt() + " by Vigil " + Version.get()));
        rows.add(row(
                "Baseline",
                input.baselineIfKnown()
                        .map(b -> "digest " + b.digest() + ", captured at " + b.capturedAt()
                                + (b.capturedBy() == null ? "" : " by " + b.capturedBy()))
                        .orElse(
                                input.source() == ReportInput.Source.API
                                        ? "not given (baselined flags as reported by the running Vigil)"
                                        : "none given")));
        rows.add(row("Exceptions", exceptions(input)));
        rows.addAll(extra);
        doc.add(Doc.table(new String[] {"Report", ""}, rows));
    }

    private static String exceptions(ReportInput input) {
        if (input.exceptionsFile() == null) {
            return input.source() == ReportInput.Source.API
                    ? "no file given (suppressions as reported by the running Vigil)"
                    : "none given";
        }
        int active = input.exceptions().active(input.generatedAt()).size();
        int total = input.exceptions().size();
        return input.exceptionsFile() + ": " + total + (total == 1 ? " entry" : " entries") + " (" + active
                + " active, " + (total - active) + " expired), digest "
                + input.exceptions().digest();
    }

    static void legend(Doc doc) {
        List<List<Inline>> items = new ArrayList<>();
        for (Status s : Status.values()) {
            items.add(List.of(Doc.badge(s), text(": " + s.meaning())));
        }
        doc.add(new Doc.Bullets(items));
    }

    static Doc.Table findingTable(List<TrackedFinding> findings) {
        List<List<List<Inline>>> rows = new ArrayList<>();
        for (TrackedFinding t : findings) {
            Finding f = t.finding();
            rows.add(row(
                    disposition(t),
                    f.severity().label(),
                    code(f.checkId()),
                    f.resource().display(),
                    code(f.path()),
                    f.message()));
        }
        return Doc.table(new String[] {"Status", "Severity", "Check", "Resource", "Path", "Message"}, rows);
    }

    static String disposition(TrackedFinding t) {
        Suppression s = t.status().suppression();
        String d = Counts.disposition(t.status()).label();
        return s == null ? d : d + " by " + s.exceptionId() + " until " + s.expires();
    }

    static Doc.Table exceptionTable(List<ExceptionRow> exceptions) {
        List<List<List<Inline>>> rows = new ArrayList<>();
        for (ExceptionRow e : exceptions) {
            rows.add(row(
                    code(e.id()),
                    code(e.check()),
                    nvl(e.scope()),
                    nvl(e.owner()),
                    String.valueOf(e.expires()),
                    nvl(e.ticket()),
                    nvl(e.reason()),
                    e.state(),
                    e.suppressing()));
        }
        return Doc.table(
                new String[] {
                    "Exception", "Check", "Scope", "Owner", "Expires", "Ticket", "Reason", "State", "Suppressing"
                },
                rows);
    }

    private static String nvl(String s) {
        return s == null ? "—" : s;
    }

    /** The kinds the input could not list: whatever reads them is NOT AUDITED, never a pass. */
    static void notAudited(Doc doc, ReportInput input) {
        if (input.inventory() == null || input.inventory().unread().isEmpty()) {
            return;
        }
        doc.heading(2, "not-audited", text("Not audited"));
        doc.para(text("These kinds could not be listed, so nothing of them was audited; every control or point whose "
                + "checks read them is NOT AUDITED (it is not a pass):"));
        List<List<List<Inline>>> rows = new ArrayList<>();
        new java.util.TreeMap<>(input.inventory().unread()).forEach((kind, why) -> rows.add(row(code(kind), why)));
        doc.add(Doc.table(new String[] {"Kind", "Why"}, rows));
    }

    static void problems(Doc doc, ReportInput input) {
        if (input.problems().isEmpty()) {
            return;
        }
        doc.heading(2, "input-problems", text("Input problems"));
        doc.para(text("Parts of the input could not be read; the report covers the rest:"));
        List<List<Inline>> items = new ArrayList<>();
        input.problems().forEach(p -> items.add(List.of(code(p))));
        doc.add(new Doc.Bullets(items));
    }

    static void method(Doc doc, String rules) {
        doc.heading(2, "method", text("Method"));
        doc.para(text(rules));
        doc.para(
                strong("Dispositions:"),
                text(
                        " a finding is suppressed when an active exception covers it, "
                                + "baselined when the audited baseline accepts it, otherwise open. Evidence is shown as Vigil "
                                + "records it: secret-looking values are masked (<masked len=N hmac=…>, keyed per installation), never shown."));
    }
}
