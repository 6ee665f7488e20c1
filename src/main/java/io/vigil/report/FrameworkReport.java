package io.vigil.report;

import static io.vigil.report.Doc.badge;
import static io.vigil.report.Doc.code;
import static io.vigil.report.Doc.link;
import static io.vigil.report.Doc.row;
import static io.vigil.report.Doc.strong;
import static io.vigil.report.Doc.text;

import io.vigil.check.CheckCatalog;
import io.vigil.model.TrackedFinding;
import io.vigil.report.ControlCatalog.ControlText;
import io.vigil.report.Doc.Inline;
import io.vigil.scan.Scanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A compliance report for one framework (SOC 2, HIPAA, CIS, NSA/CISA): every control any check maps to, with the checks
 * that implement it, counts of open, suppressed and baselined findings, example findings, the exceptions
 * touching those checks, and the verdict. Findings count for a control when their {@code controls} list it.
 */
public record FrameworkReport(
        Framework framework, ReportInput input, List<ControlResult> controls, int mappedFindings, int maxExamples) {

    /** One check under a control: its counts there and whether the input let it assess anything. */
    public record CheckRow(CheckInfo check, Counts counts, Boolean assessed, String notAssessedReason) {}

    /** A control's result. {@code control} is the full string ({@code SOC2:CC6.1}), {@code id} without prefix. */
    public record ControlResult(
            String control,
            String id,
            ControlText text,
            Status status,
            Counts counts,
            List<CheckRow> checks,
            List<TrackedFinding> findings,
            List<ExceptionRow> exceptions) {
        /** The first {@code n} findings: open first, then suppressed, then baselined; by severity within. */
        public List<TrackedFinding> examples(int n) {
            return findings.subList(0, Math.min(n, findings.size()));
        }
    }

    /** Open findings first, then suppressed, then baselined; within each the scan order (severity first). */
    static final Comparator<TrackedFinding> EXAMPLE_ORDER = Comparator.comparing(
                    (TrackedFinding t) -> Counts.disposition(t.status()))
            .thenComparing(TrackedFinding::finding, Scanner.ORDER);

    public static FrameworkReport build(ReportInput input, CheckCatalog catalog, Framework framework, int maxExamples) {
        List<CheckInfo> checks = CheckInfo.all(catalog);
        TreeMap<String, List<CheckInfo>> byControl = new TreeMap<>(framework.order());
        for (CheckInfo c : checks) {
            for (String control : c.controls()) {
                framework
                        .controlId(control)
                        .ifPresent(id -> byControl
                                .computeIfAbsent(id, k -> new ArrayList<>())
                                .add(c));
            }
        }
        // controls only findings name (a newer Vigil behind --from-api) are reported too
        for (TrackedFinding t : input.findings()) {
            for (String control : t.finding().controls()) {
                framework.controlId(control).ifPresent(id -> byControl.computeIfAbsent(id, k -> new ArrayList<>()));
            }
        }
        boolean baselineKnown = input.baseline() != null;
        List<ControlResult> results = new ArrayList<>();
        Set<String> mapped = new LinkedHashSet<>();
        for (var e : byControl.entrySet()) {
            String control = framework.prefix() + ":" + e.getKey();
            List<TrackedFinding> findings = input.findings().stream()
                    .filter(t -> t.finding().controls().contains(control))
                    .sorted(EXAMPLE_ORDER)
                    .toList();
            findings.forEach(t -> mapped.add(t.finding().id()));
            List<CheckRow> rows = new ArrayList<>();
            Set<String> checkIds = new LinkedHashSet<>();
            Boolean anyAssessed = input.inventory() == null ? null : false;
            boolean unread = false;
            for (CheckInfo c : e.getValue()) {
                checkIds.add(c.id());
                Counts counts = Counts.of(findings.stream()
                        .filter(t -> t.finding().checkId().equals(c.id()))
                        .toList());
                Boolean assessed = null;
                String reason = null;
                if (input.inventory() != null) {
                    Optional<String> why = input.inventory().notAssessed(c, baselineKnown);
                    assessed = why.isEmpty();
                    reason = why.orElse(null);
                    anyAssessed = anyAssessed || assessed;
                    unread |= !input.inventory().unreadKinds(c).isEmpty();
                }
                rows.add(new CheckRow(c, counts, assessed, reason));
            }
            findings.stream().map(t -> t.finding().checkId()).forEach(checkIds::add);
            Counts counts = Counts.of(findings);
            results.add(new ControlResult(
                    control,
                    e.getKey(),
                    ControlCatalog.text(control),
                    Status.of(counts, anyAssessed, unread),
                    counts,
                    rows,
                    findings,
                    ExceptionRow.forChecks(input, checkIds, findings)));
        }
        return new FrameworkReport(framework, input, results, mapped.size(), maxExamples);
    }

    public Optional<ControlResult> control(String id) {
        return controls.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Doc toDoc() {
        Doc doc = new Doc(framework.title() + " report: cluster " + input.cluster());
        ReportSections.header(
                doc,
                input,
                List.of(
                        row("Framework", framework.edition()),
                        row(
                                "Findings",
                                input.findings().size() + " in the input, " + mappedFindings + " mapped to "
                                        + framework.title() + " controls")));
        summary(doc);
        doc.heading(2, "controls", text("Controls"));
        for (ControlResult c : controls) {
            details(doc, c);
        }
        ReportSections.notAudited(doc, input);
        ReportSections.problems(doc, input);
        ReportSections.method(
                doc,
                "A finding counts for a control when its controls list it (each check maps "
                        + "to its own controls and its family's; see docs/checks.md). A control fails when at least one of "
                        + "its findings is open; it is ACCEPTED when every finding is suppressed by an active exception or "
                        + "accepted in the baseline; it passes when its checks assessed objects in the input and found "
                        + "nothing; it is N/A when none of its checks had anything to assess.");
        return doc;
    }

    private void summary(Doc doc) {
        doc.heading(2, "summary", text("Summary"));
        long failing = controls.stream().filter(c -> c.status() == Status.FAIL).count();
        long notAudited =
                controls.stream().filter(c -> c.status() == Status.NOT_AUDITED).count();
        doc.para(text(controls.size() + " " + framework.title() + " controls mapped by Vigil's checks; " + failing
                + " failing" + (notAudited == 0 ? "" : "; " + notAudited + " not audited") + "."));
        List<List<List<Inline>>> rows = new ArrayList<>();
        for (ControlResult c : controls) {
            String assessed = input.inventory() == null
                    ? ""
                    : " ("
                            + c.checks().stream()
                                    .filter(r -> Boolean.TRUE.equals(r.assessed()))
                                    .count() + " assessed)";
            rows.add(row(
                    link(c.id(), anchor(c)),
                    c.text().title(),
                    badge(c.status()),
                    c.counts().open(),
                    c.counts().suppressed(),
                    c.counts().baselined(),
                    c.checks().size() + assessed));
        }
        doc.add(Doc.table(
                new String[] {"Control", "Title", "Status", "Open", "Suppressed", "Baselined", "Checks"}, rows));
        ReportSections.legend(doc);
    }

    private void details(Doc doc, ControlResult c) {
        String title =
                c.text().title().isEmpty() ? c.id() : c.id() + " — " + c.text().title();
        doc.heading(3, anchor(c), text(title));
        if (!c.text().statement().isEmpty()) {
            doc.para(text(c.text().statement()));
        }
        doc.para(
                strong("Status:"),
                text(" "),
                badge(c.status()),
                text(" — " + c.counts().open() + " open, "
                        + c.counts().suppressed() + " suppressed, " + c.counts().baselined() + " baselined finding"
                        + (c.counts().total() == 1 ? "" : "s") + "."));
        List<List<List<Inline>>> checkRows = new ArrayList<>();
        for (CheckRow r : c.checks()) {
            String assessed = r.assessed() == null
                    ? "by the running Vigil"
                    : r.assessed() ? "yes" : "no: " + r.notAssessedReason();
            checkRows.add(row(
                    code(r.check().id()),
                    r.check().title(),
                    r.check().severity().label(),
                    r.counts().open(),
                    r.counts().suppressed(),
                    r.counts().baselined(),
                    assessed));
        }
        doc.add(Doc.table(
                new String[] {"Check", "Title", "Severity", "Open", "Suppressed", "Baselined", "Assessed"}, checkRows));
        if (!c.findings().isEmpty()) {
            List<TrackedFinding> examples = c.examples(maxExamples);
            doc.para(
                    strong("Example findings"),
                    text(" (" + examples.size() + " of " + c.findings().size() + "):"));
            doc.add(ReportSections.findingTable(examples));
        }
        if (c.exceptions().isEmpty()) {
            doc.para(text("No exceptions cover these checks."));
        } else {
            doc.para(strong("Exceptions"), text(" covering these checks:"));
            doc.add(ReportSections.exceptionTable(c.exceptions()));
        }
    }

    private static String anchor(ControlResult c) {
        return Doc.anchor("control-", c.id());
    }
}
