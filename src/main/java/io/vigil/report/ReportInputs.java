package io.vigil.report;

import io.vigil.check.AuditSettings;
import io.vigil.check.CheckCatalog;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.KubeObject;
import io.vigil.model.TrackedFinding;
import io.vigil.policy.AnnotationExemptions;
import io.vigil.policy.ExceptionEntry;
import io.vigil.policy.ExceptionSet;
import io.vigil.scan.InputError;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanInput;
import io.vigil.scan.ScanReport;
import io.vigil.scan.ScannedObject;
import io.vigil.scan.Scanner;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link ReportInput} from manifests, from objects listed from a cluster, or from a running Vigil's findings. */
public final class ReportInputs {
    private ReportInputs() {}

    /** Manifests, read and evaluated exactly as {@code vigil scan} does; exceptions applied at {@code now}. */
    public static ReportInput fromManifests(
            List<String> paths,
            InputStream stdin,
            String defaultNamespace,
            CheckCatalog catalog,
            AuditSettings settings,
            ExceptionSet exceptions,
            String exceptionsFile,
            Instant now) {
        return fromManifests(paths, stdin, defaultNamespace, catalog, settings, exceptions, exceptionsFile, false, now);
    }

    /**
     * As above; with {@code annotations}, the objects' {@code vigil.io/exempt} annotations are exceptions too (as
     * {@code vigil scan} applies them): listed in the report's exception tables, their rejected sets named among
     * the input problems.
     */
    public static ReportInput fromManifests(
            List<String> paths,
            InputStream stdin,
            String defaultNamespace,
            CheckCatalog catalog,
            AuditSettings settings,
            ExceptionSet fileExceptions,
            String exceptionsFile,
            boolean annotations,
            Instant now) {
        ManifestReader reader = new ManifestReader(defaultNamespace);
        paths.forEach(p -> reader.readPath(p, stdin));
        ScanInput scanned = reader.result();
        ScanReport report = new Scanner(catalog, settings).scan(scanned, now);
        List<String> problems = new ArrayList<>();
        report.errors().stream().map(InputError::toString).forEach(problems::add);
        report.failures()
                .forEach(f -> problems.add("check " + f.checkId() + " failed on "
                        + f.subject().ref().display() + ": " + f.error()));
        List<KubeObject> objects =
                scanned.objects().stream().map(ScannedObject::object).toList();
        ExceptionSet exceptions = fileExceptions;
        if (annotations) {
            AnnotationExemptions.Result exempt = AnnotationExemptions.read(objects, catalog.ids(), now);
            exempt.errors().forEach(p -> problems.add(p.toString()));
            List<ExceptionEntry> all = new ArrayList<>(fileExceptions.entries());
            all.addAll(exempt.entries());
            exceptions = ExceptionSet.of(all);
        }
        String description = "manifests " + String.join(", ", paths) + " (" + report.objects() + " object"
                + (report.objects() == 1 ? "" : "s") + " from " + report.files() + " file"
                + (report.files() == 1 ? "" : "s") + ")";
        return new ReportInput(
                settings.cluster(),
                ReportInput.Source.MANIFESTS,
                description,
                now,
                track(report.findings(), exceptions, now),
                new Inventory(objects, settings),
                exceptions,
                exceptionsFile,
                null,
                problems);
    }

    /**
     * Objects listed from a live cluster ({@code ClusterSnapshot.list}), evaluated with the Evaluator over a
     * view of those objects as the scanner does.
     */
    public static ReportInput fromObjects(
            List<KubeObject> objects,
            String description,
            CheckCatalog catalog,
            AuditSettings settings,
            ExceptionSet exceptions,
            String exceptionsFile,
            Instant now) {
        return fromObjects(
                objects, java.util.Map.of(), description, catalog, settings, exceptions, exceptionsFile, now);
    }

    /** As above; {@code unread}: kinds the LIST could not read (kind key to why), reported as not audited. */
    public static ReportInput fromObjects(
            List<KubeObject> objects,
            java.util.Map<String, String> unread,
            String description,
            CheckCatalog catalog,
            AuditSettings settings,
            ExceptionSet exceptions,
            String exceptionsFile,
            Instant now) {
        ManifestClusterView view = new ManifestClusterView(objects, settings);
        Evaluator evaluator = new Evaluator(catalog.all(), settings);
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KubeObject o : objects) {
            Evaluator.Result r = evaluator.evaluate(o, view);
            findings.addAll(r.findings());
            r.failures()
                    .forEach(f -> problems.add("check " + f.checkId() + " failed on "
                            + f.subject().ref().display() + ": " + f.error()));
        }
        findings.sort(Scanner.ORDER);
        return new ReportInput(
                settings.cluster(),
                ReportInput.Source.CLUSTER,
                description,
                now,
                track(findings, exceptions, now),
                new Inventory(objects, settings, unread),
                exceptions,
                exceptionsFile,
                null,
                problems);
    }

    /**
     * A running Vigil's open findings, with the status it reports ({@code suppressed}, {@code baselined}); the
     * exceptions (optional) only add owners, tickets and reasons to the report.
     */
    public static ReportInput fromFindings(
            String cluster,
            String description,
            List<TrackedFinding> findings,
            ExceptionSet exceptions,
            String exceptionsFile,
            Instant now) {
        String name = findings.stream()
                .map(t -> t.finding().cluster())
                .filter(c -> c != null && !c.isEmpty())
                .findFirst()
                .orElse(cluster);
        return new ReportInput(
                name,
                ReportInput.Source.API,
                description,
                now,
                findings,
                null,
                exceptions,
                exceptionsFile,
                null,
                List.of());
    }

    /** Findings seen now, suppressed where an active exception covers them. */
    static List<TrackedFinding> track(List<Finding> findings, ExceptionSet exceptions, Instant now) {
        List<TrackedFinding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(new TrackedFinding(
                    f,
                    new FindingStatus(
                            now,
                            now,
                            false,
                            false,
                            false,
                            exceptions.match(f, now).orElse(null))));
        }
        return out;
    }
}
