package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vigil.baseline.BaselineDriftCheck;
import io.vigil.baseline.DriftTagger;
import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.checks.BuiltInChecks;
import io.vigil.config.Version;
import io.vigil.format.FindingJson;
import io.vigil.format.Ocsf;
import io.vigil.format.Sarif;
import io.vigil.format.ScanJson;
import io.vigil.format.Table;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import io.vigil.policy.ExceptionSet;
import io.vigil.scan.InputError;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanReport;
import io.vigil.scan.ScannedObject;
import io.vigil.scan.Scanner;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil scan}: audit manifests with the checks the live service runs. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Audit Kubernetes manifests: files, directories (recursive) or - for stdin.",
            "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input errors."
        })
public final class ScanCommand implements Callable<Integer> {
    enum Format {
        table,
        json,
        sarif,
        ocsf
    }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "manifest files, directories, or - for stdin")
    List<String> paths;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table, json, sarif or ocsf (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "exit 1 when a finding is at or above this severity (critical, high, medium, low, info)")
    String failOn;

    @Option(names = "--checks", split = ",", paramLabel = "ID", description = "run only these checks")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", split = ",", paramLabel = "ID", description = "do not run these checks")
    List<String> skip = new ArrayList<>();

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            description = "a baseline (vigil baseline capture): tags findings baselined/drift and runs baseline-drift")
    Path baselineFile;

    @Option(names = "--fail-on-drift", description = "exit 1 when a finding is drift (needs --baseline)")
    boolean failOnDrift;

    @Mixin
    AuditOptions audit;

    @Mixin
    ExceptionOptions exceptionOptions;

    @Mixin
    MaskKeyOption maskKey;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();
    InputStream stdin = System.in;
    Map<String, String> env = System.getenv();
    /** Whether stdout is a terminal: colours only then. */
    boolean tty = System.console() != null;

    @Override
    public Integer call() throws Exception {
        Severity threshold = failOn == null
                ? null
                : Severity.parse(failOn)
                        .orElseThrow(() -> new UserError("--fail-on: unknown severity \"" + failOn
                                + "\" (use critical, high, medium, low or info)"));
        if (failOnDrift && baselineFile == null) {
            throw new UserError("--fail-on-drift needs --baseline FILE");
        }
        PrintWriter err = spec.commandLine().getErr();
        AuditSettings settings = audit.settings(maskKey.masking());
        ScanBaseline baseline = ScanBaseline.load(baselineFile, only, skip, settings, err);
        CheckCatalog catalog = selectChecks(baseline);
        ManifestReader reader = new ManifestReader(audit.namespace());
        for (String path : paths) {
            reader.readPath(path, stdin);
        }
        var input = reader.result();
        ScanReport report =
                baseline.withDeletions(new Scanner(catalog, settings).scan(input, clock.instant()), input, settings);
        for (InputError e : report.errors()) {
            err.println(e);
        }
        ExceptionSources exceptions = ExceptionSources.load(
                exceptionOptions.file(),
                exceptionOptions.annotations(),
                input.objects().stream().map(ScannedObject::object).toList(),
                BuiltInChecks.catalog().ids(),
                Clock.fixed(report.time(), java.time.ZoneOffset.UTC),
                err);
        report.failures()
                .forEach(f -> err.println("vigil: check " + f.checkId() + " failed on "
                        + f.subject().ref().display() + ": " + f.error()));
        err.flush();
        maskKey.noteUnkeyed(err, MaskKeyOption.shownValues(report.findings()));
        DriftTagger tagger = baseline.tagger();
        ExceptionSet active = exceptions.exceptions();
        Function<Finding, FindingStatus> status = f -> {
            FindingStatus s = tagger.tag(f, FindingStatus.seenAt(report.time()));
            return new FindingStatus(
                    s.firstSeen(),
                    s.lastSeen(),
                    s.baselined(),
                    s.drift(),
                    s.stale(),
                    active.match(f, report.time()).orElse(null));
        };
        print(report, catalog, tagger, status, active);
        if (!report.errors().isEmpty() || exceptions.hasErrors()) {
            return ExitCodes.USAGE;
        }
        // suppressed findings are reported, but an accepted risk does not fail the build
        List<Finding> open = report.findings().stream()
                .filter(f -> status.apply(f).suppression() == null)
                .toList();
        boolean failed =
                threshold != null && open.stream().anyMatch(f -> f.severity().atLeast(threshold))
                        || failOnDrift && open.stream().anyMatch(tagger::drift);
        return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private CheckCatalog selectChecks(ScanBaseline baseline) {
        List<String> builtInOnly =
                only.stream().filter(id -> !id.equals(BaselineDriftCheck.ID)).toList();
        List<String> builtInSkip =
                skip.stream().filter(id -> !id.equals(BaselineDriftCheck.ID)).toList();
        if (!only.isEmpty() && builtInOnly.isEmpty() && baselineFile == null) {
            throw new UserError("--checks " + BaselineDriftCheck.ID + " needs --baseline FILE");
        }
        try {
            CheckCatalog selected = only.isEmpty() || !builtInOnly.isEmpty()
                    ? BuiltInChecks.catalog().select(builtInOnly, builtInSkip)
                    : new CheckCatalog(List.of());
            if (baseline.driftCheck().isEmpty()) {
                return selected;
            }
            List<Check> checks = new ArrayList<>(selected.all());
            checks.add(baseline.driftCheck().get());
            return new CheckCatalog(checks);
        } catch (CheckCatalog.UnknownChecksException e) {
            throw new UserError(e.getMessage() + " (see 'vigil checks')");
        }
    }

    private void print(
            ScanReport report,
            CheckCatalog catalog,
            DriftTagger tagger,
            Function<Finding, FindingStatus> status,
            ExceptionSet exceptions)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Function<Finding, String> suppressed = f -> exceptions
                .covering(f, report.time())
                .map(e -> "SUPPRESSED by " + e.id() + " until " + e.expires() + " (owner " + e.owner()
                        + (e.ticket() == null ? "" : ", ticket " + e.ticket()) + "): " + e.reason())
                .orElse(null);
        switch (format) {
            case json -> out.println(pretty(ScanJson.render(report, status)));
            case sarif -> out.println(pretty(Sarif.render(report, catalog, Version.get(), suppressed)));
            case ocsf -> out.println(pretty(ocsf(report, status)));
            default -> {
                out.print(Table.render(report, tableStyle(), suppressed));
                long n = report.findings().stream()
                        .filter(f -> status.apply(f).suppression() != null)
                        .count();
                if (n > 0) {
                    out.println(n + " of them suppressed by exceptions (shown above; they do not fail --fail-on)");
                }
                if (tagger.active()) {
                    long drift =
                            report.findings().stream().filter(tagger::drift).count();
                    out.println("baseline " + baselineFile + ": "
                            + (report.findings().size() - drift) + " baselined, " + drift + " drift");
                    report.findings().stream()
                            .filter(tagger::drift)
                            .forEach(f -> out.println("  drift: " + f.severity().label() + " " + f.checkId() + " "
                                    + f.resource().display() + " " + f.path()));
                }
            }
        }
        out.flush();
    }

    /** The width from COLUMNS (100 when unset or not a number), colour on a terminal unless NO_COLOR is set. */
    Table.Style tableStyle() {
        int width = Table.Style.DEFAULT_WIDTH;
        String columns = env.get("COLUMNS");
        if (columns != null && columns.strip().matches("[0-9]{1,4}")) {
            width = Integer.parseInt(columns.strip());
        }
        String noColor = env.get("NO_COLOR");
        return new Table.Style(width, tty && (noColor == null || noColor.isEmpty()));
    }

    private static ArrayNode ocsf(ScanReport report, Function<Finding, FindingStatus> status) {
        ArrayNode out = FindingJson.MAPPER.createArrayNode();
        report.findings()
                .forEach(f -> out.add(Ocsf.complianceFinding(
                        new TrackedFinding(f, status.apply(f)),
                        // a snapshot has no history: a covered finding is reported in the Suppressed status
                        status.apply(f).suppression() == null ? Ocsf.Activity.OPENED : Ocsf.Activity.SUPPRESSED,
                        report.time(),
                        Version.get())));
        return out;
    }

    private static String pretty(JsonNode node) throws Exception {
        return FindingJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
