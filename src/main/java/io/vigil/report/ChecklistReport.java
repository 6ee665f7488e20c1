package io.vigil.report;

import static io.vigil.report.Doc.badge;
import static io.vigil.report.Doc.code;
import static io.vigil.report.Doc.link;
import static io.vigil.report.Doc.row;
import static io.vigil.report.Doc.strong;
import static io.vigil.report.Doc.text;

import io.vigil.check.CheckCatalog;
import io.vigil.model.Finding;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceRef;
import io.vigil.model.TrackedFinding;
import io.vigil.report.Doc.Inline;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The 10-point production security checklist as a pass/fail scorecard per namespace, plus one row for what
 * is scored once for the cluster (cluster-scoped RBAC, audit logging and encryption at rest). A point with
 * nothing to assess in a namespace is N/A, never PASS.
 */
public record ChecklistReport(
        ReportInput input,
        List<Row> namespaces,
        Row cluster,
        List<OutsideRow> outside,
        List<ExceptionRow> exceptions,
        int maxExamples) {

    /** One point in one row. {@code findings} holds every finding deciding it (open first). */
    public record Cell(
            ChecklistPoint point, Status status, Counts counts, List<TrackedFinding> findings, List<String> notes) {}

    /** A namespace (or the cluster, {@code namespace} null) and its cells for the points scored at that level. */
    public record Row(String namespace, Map<ChecklistPoint, Cell> cells, Status overall) {
        public Optional<Cell> cell(ChecklistPoint p) {
            return Optional.ofNullable(cells.get(p));
        }

        public String label() {
            return namespace == null ? "(cluster)" : namespace;
        }
    }

    /** Findings of a check outside the ten points: where they are and how many. */
    public record OutsideRow(String check, String title, String where, Counts counts) {}

    private static final String SCAN_CHECK = "image-vulnerable";

    public static ChecklistReport build(ReportInput input, CheckCatalog catalog, int maxExamples) {
        Map<String, CheckInfo> checks = new HashMap<>();
        CheckInfo.all(catalog).forEach(c -> checks.put(c.id(), c));
        Inventory inv = input.inventory();

        Set<String> namespaces = new TreeSet<>();
        if (inv != null) {
            namespaces.addAll(inv.namespaces());
        }
        Set<String> pointed = new LinkedHashSet<>();
        for (ChecklistPoint p : ChecklistPoint.values()) {
            pointed.addAll(p.checks());
        }
        for (TrackedFinding t : input.findings()) {
            boolean namespaceLevel =
                    !ChecklistPoint.CONTROL_PLANE.checks().contains(t.finding().checkId());
            if (namespaceLevel) {
                for (String ns : namespacesOf(input, t.finding().resource())) {
                    if (inv == null
                            || inv.settings().includeSystem()
                            || !inv.settings().isSystemNamespace(ns)) {
                        namespaces.add(ns);
                    }
                }
            }
        }

        Map<String, List<TrackedFinding>> byNamespace = new HashMap<>();
        for (TrackedFinding t : input.findings()) {
            for (String ns : namespacesOf(input, t.finding().resource())) {
                byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(t);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String ns : namespaces) {
            Map<ChecklistPoint, Cell> cells = new EnumMap<>(ChecklistPoint.class);
            List<TrackedFinding> inNamespace = byNamespace.getOrDefault(ns, List.of());
            for (ChecklistPoint p : ChecklistPoint.values()) {
                if (!p.perNamespace()) {
                    continue;
                }
                List<TrackedFinding> findings = inNamespace.stream()
                        .filter(t -> p.checks().contains(t.finding().checkId()))
                        .sorted(FrameworkReport.EXAMPLE_ORDER)
                        .toList();
                Boolean assessed = inv == null
                        ? null
                        : p.checks().stream().map(checks::get).anyMatch(c -> c != null && inv.assessesIn(c, ns));
                Counts counts = Counts.of(findings);
                Status status = Status.of(counts, assessed, unread(inv, checks, p));
                List<String> notes = notes(input, checks, p, ns, status, findings);
                Set<String> unscanned =
                        p == ChecklistPoint.IMAGES && status == Status.PASS ? inv.imagesWithoutReport(ns) : Set.of();
                if (!unscanned.isEmpty()) {
                    // Pinned, trusted images are not "scanned with no HIGH or CRITICAL" without a report to say so.
                    status = Status.NO_EVIDENCE;
                    notes.add("no vulnerability report for running image(s): " + String.join(", ", unscanned));
                }
                cells.put(p, new Cell(p, status, counts, findings, notes));
            }
            rows.add(new Row(ns, cells, overall(cells)));
        }

        Map<ChecklistPoint, Cell> clusterCells = new EnumMap<>(ChecklistPoint.class);
        for (ChecklistPoint p : ChecklistPoint.values()) {
            if (!p.perCluster()) {
                continue;
            }
            boolean all = p.level() == ChecklistPoint.Level.CLUSTER;
            List<TrackedFinding> findings = input.findings().stream()
                    .filter(t -> p.checks().contains(t.finding().checkId())
                            && (all || isClusterScoped(t.finding().resource())))
                    .sorted(FrameworkReport.EXAMPLE_ORDER)
                    .toList();
            Boolean assessed = inv == null
                    ? null
                    : p.checks().stream()
                            .map(checks::get)
                            .anyMatch(c -> c != null && (all ? inv.assessesAny(c) : inv.assessesClusterScoped(c)));
            Counts counts = Counts.of(findings);
            Status status = Status.of(counts, assessed, unread(inv, checks, p));
            List<String> notes = new ArrayList<>();
            if (all && inv != null && Boolean.FALSE.equals(assessed)) {
                p.checks().stream()
                        .map(checks::get)
                        .filter(c -> c != null)
                        .findFirst()
                        .flatMap(c -> inv.notAssessed(c, false))
                        .ifPresent(notes::add);
            }
            clusterCells.put(p, new Cell(p, status, counts, findings, notes));
        }
        Row cluster = new Row(null, clusterCells, overall(clusterCells));

        List<OutsideRow> outside = outside(input, checks, pointed);
        Set<String> allChecks = new LinkedHashSet<>(checks.keySet());
        input.findings().forEach(t -> allChecks.add(t.finding().checkId()));
        return new ChecklistReport(
                input, rows, cluster, outside, ExceptionRow.forChecks(input, allChecks, input.findings()), maxExamples);
    }

    public Optional<Row> namespace(String name) {
        return namespaces.stream().filter(r -> r.namespace().equals(name)).findFirst();
    }

    private static Set<String> namespacesOf(ReportInput input, ResourceRef ref) {
        if (input.inventory() != null) {
            return input.inventory().namespacesOf(ref);
        }
        if (Kinds.NAMESPACE.equals(ref.key().kind())) {
            return Set.of(ref.name());
        }
        return ref.namespace() == null ? Set.of() : Set.of(ref.namespace());
    }

    /** Whether a check of the point reads a kind the input could not list. */
    private static boolean unread(Inventory inv, Map<String, CheckInfo> checks, ChecklistPoint p) {
        return inv != null
                && p.checks().stream()
                        .map(checks::get)
                        .anyMatch(c -> c != null && !inv.unreadKinds(c).isEmpty());
    }

    private static boolean isClusterScoped(ResourceRef ref) {
        return ref.namespace() == null && !Kinds.NAMESPACE.equals(ref.key().kind());
    }

    private static Status overall(Map<ChecklistPoint, Cell> cells) {
        Status worst = Status.NOT_APPLICABLE;
        for (Cell c : cells.values()) {
            worst = Status.worst(worst, c.status());
        }
        return worst;
    }

    private static List<String> notes(
            ReportInput input,
            Map<String, CheckInfo> checks,
            ChecklistPoint p,
            String ns,
            Status status,
            List<TrackedFinding> findings) {
        List<String> notes = new ArrayList<>();
        Inventory inv = input.inventory();
        if (p == ChecklistPoint.RBAC) {
            Set<String> via = new TreeSet<>();
            for (TrackedFinding t : findings) {
                if (isClusterScoped(t.finding().resource())) {
                    via.add(t.finding().resource().display());
                }
            }
            if (!via.isEmpty()) {
                notes.add("includes cluster-scoped RBAC granted to this namespace: " + String.join(", ", via));
            }
        }
        if (p == ChecklistPoint.IMAGES
                && inv != null
                && status != Status.NOT_APPLICABLE
                && !inv.assessesIn(checks.get(SCAN_CHECK), ns)) {
            String why = inv.notAssessed(checks.get(SCAN_CHECK), false).orElse("no running pods in this namespace");
            notes.add("no vulnerability scan evidence: " + why);
        }
        return notes;
    }

    private static List<OutsideRow> outside(ReportInput input, Map<String, CheckInfo> checks, Set<String> pointed) {
        Map<String, List<TrackedFinding>> byCheck = new TreeMap<>();
        for (TrackedFinding t : input.findings()) {
            if (!pointed.contains(t.finding().checkId())) {
                byCheck.computeIfAbsent(t.finding().checkId(), k -> new ArrayList<>())
                        .add(t);
            }
        }
        List<OutsideRow> out = new ArrayList<>();
        for (var e : byCheck.entrySet()) {
            Set<String> where = new TreeSet<>();
            for (TrackedFinding t : e.getValue()) {
                Set<String> ns = namespacesOf(input, t.finding().resource());
                where.addAll(ns.isEmpty() ? Set.of("(cluster)") : ns);
            }
            CheckInfo info = checks.get(e.getKey());
            out.add(new OutsideRow(
                    e.getKey(),
                    info == null ? e.getValue().get(0).finding().title() : info.title(),
                    String.join(", ", where),
                    Counts.of(e.getValue())));
        }
        return out;
    }

    public Doc toDoc() {
        Doc doc = new Doc("Production security checklist: cluster " + input.cluster());
        ReportSections.header(
                doc,
                input,
                List.of(row(
                        "Scored",
                        namespaces.size() + " namespace" + (namespaces.size() == 1 ? "" : "s") + " and the cluster")));
        scorecard(doc);
        mapping(doc);
        for (Row r : namespaces) {
            details(doc, r);
        }
        details(doc, cluster);
        if (!outside.isEmpty()) {
            doc.heading(2, "outside", text("Findings outside the checklist"));
            List<List<List<Inline>>> rows = new ArrayList<>();
            for (OutsideRow o : outside) {
                rows.add(row(
                        code(o.check()),
                        o.title(),
                        o.where(),
                        o.counts().open(),
                        o.counts().suppressed(),
                        o.counts().baselined()));
            }
            doc.add(Doc.table(new String[] {"Check", "Title", "Where", "Open", "Suppressed", "Baselined"}, rows));
        }
        doc.heading(2, "exceptions", text("Exceptions"));
        if (exceptions.isEmpty()) {
            doc.para(text("No exceptions."));
        } else {
            doc.add(ReportSections.exceptionTable(exceptions));
        }
        ReportSections.notAudited(doc, input);
        ReportSections.problems(doc, input);
        ReportSections.method(
                doc,
                "Each point is decided by the checks listed above. A point FAILS in a "
                        + "namespace when one of its checks has an open finding on an object of that namespace (a Namespace "
                        + "object counts for itself; cluster-scoped RBAC counts for the namespaces whose ServiceAccounts it "
                        + "is granted to). It is ACCEPTED when all such findings are suppressed or baselined, PASS when its "
                        + "checks assessed objects there and found nothing, and N/A when nothing in the namespace is "
                        + "subject to its checks. Points 3 (cluster-scoped RBAC) and 10 are also scored once for the "
                        + "cluster; point 10 only there.");
        return doc;
    }

    private void scorecard(Doc doc) {
        doc.heading(2, "scorecard", text("Scorecard"));
        List<String> headers = new ArrayList<>();
        headers.add("Namespace");
        for (ChecklistPoint p : ChecklistPoint.values()) {
            headers.add(p.shortTitle());
        }
        headers.add("Overall");
        List<List<List<Inline>>> rows = new ArrayList<>();
        for (Row r : namespaces) {
            rows.add(scoreRow(r));
        }
        rows.add(scoreRow(cluster));
        doc.add(Doc.table(headers, rows));
        ReportSections.legend(doc);
        doc.para(text("— : the point is not scored at this level (point 10 is scored for the cluster only)."));
        if (input.inventory() == null) {
            doc.para(
                    strong("Findings only:"),
                    text(
                            " the input is a running Vigil's open findings, not the objects "
                                    + "they were found on. Namespaces without open findings are not listed, a point without "
                                    + "findings shows NO FINDINGS (whether anything was subject to it is unknown), and cluster-scoped "
                                    + "RBAC is scored for the cluster only. Report from manifests or --kubeconfig for applicability."));
        }
    }

    private static List<List<Inline>> scoreRow(Row r) {
        List<List<Inline>> cells = new ArrayList<>();
        cells.add(List.of(link(r.label(), anchor(r))));
        for (ChecklistPoint p : ChecklistPoint.values()) {
            Cell c = r.cells().get(p);
            cells.add(List.of(c == null ? text("—") : badge(c.status())));
        }
        cells.add(List.of(badge(r.overall())));
        return cells;
    }

    private static void mapping(Doc doc) {
        doc.heading(2, "points", text("Checklist points and the checks that decide them"));
        doc.add(mappingTable());
        List<Inline> outside = new ArrayList<>(
                List.of(text("Not part of any point (listed under findings outside " + "the checklist): ")));
        for (String c : ChecklistPoint.OUTSIDE) {
            if (outside.size() > 1) {
                outside.add(text(", "));
            }
            outside.add(code(c));
        }
        doc.add(new Doc.Para(outside));
    }

    /** The points, what each requires, where it is scored and the checks that decide it (also in docs/reports.md). */
    public static Doc.Table mappingTable() {
        List<List<List<Inline>>> rows = new ArrayList<>();
        for (ChecklistPoint p : ChecklistPoint.values()) {
            List<Inline> checks = new ArrayList<>();
            for (String c : p.checks()) {
                if (!checks.isEmpty()) {
                    checks.add(text(", "));
                }
                checks.add(code(c));
            }
            String level = switch (p.level()) {
                case NAMESPACE -> "per namespace";
                case CLUSTER -> "cluster";
                case NAMESPACE_AND_CLUSTER -> "per namespace and cluster";
            };
            rows.add(row(p.number(), p.title(), p.requirement(), level, checks));
        }
        return Doc.table(new String[] {"No.", "Point", "Requirement", "Scored", "Checks"}, rows);
    }

    private void details(Doc doc, Row r) {
        doc.heading(2, anchor(r), text(r.namespace() == null ? "Cluster" : "Namespace " + r.namespace()));
        doc.para(strong("Overall:"), text(" "), badge(r.overall()));
        List<List<List<Inline>>> rows = new ArrayList<>();
        for (Cell c : r.cells().values()) {
            rows.add(row(
                    c.point().number(),
                    c.point().title(),
                    badge(c.status()),
                    c.counts().open(),
                    c.counts().suppressed(),
                    c.counts().baselined(),
                    String.join("; ", c.notes())));
        }
        doc.add(Doc.table(new String[] {"No.", "Point", "Status", "Open", "Suppressed", "Baselined", "Notes"}, rows));
        List<List<Inline>> evidence = new ArrayList<>();
        for (Cell c : r.cells().values()) {
            List<TrackedFinding> shown =
                    c.findings().subList(0, Math.min(maxExamples, c.findings().size()));
            for (TrackedFinding t : shown) {
                Finding f = t.finding();
                evidence.add(List.of(
                        strong(c.point().number() + "."),
                        text(" "),
                        code(f.checkId()),
                        text(" " + f.resource().display() + ": " + f.message() + " (" + ReportSections.disposition(t)
                                + ")")));
            }
            if (c.findings().size() > shown.size()) {
                evidence.add(List.of(
                        strong(c.point().number() + "."),
                        text(" … and " + (c.findings().size() - shown.size()) + " more")));
            }
        }
        if (!evidence.isEmpty()) {
            doc.para(strong("Evidence"), text(" (up to " + maxExamples + " findings per point):"));
            doc.add(new Doc.Bullets(evidence));
        }
    }

    private static String anchor(Row r) {
        return r.namespace() == null ? "cluster" : Doc.anchor("ns-", r.namespace());
    }

    /** For tests and tools: the status of every point in a row, "—" where the point is not scored. */
    public static String statuses(Row r) {
        return java.util.Arrays.stream(ChecklistPoint.values())
                .map(p -> r.cells().containsKey(p) ? r.cells().get(p).status().label() : "—")
                .collect(Collectors.joining(" "));
    }
}
