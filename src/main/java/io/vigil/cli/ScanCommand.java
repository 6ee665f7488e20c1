package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vigil.Version;
import io.vigil.check.AuditSettings;
import io.vigil.check.CheckCatalog;
import io.vigil.checks.BuiltInChecks;
import io.vigil.format.FindingJson;
import io.vigil.format.Ocsf;
import io.vigil.format.Sarif;
import io.vigil.format.ScanJson;
import io.vigil.format.Table;
import io.vigil.model.FindingStatus;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import io.vigil.scan.InputError;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanReport;
import io.vigil.scan.Scanner;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil scan}: audit manifests with the checks the live service runs. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Audit Kubernetes manifests: files, directories (recursive) or - for stdin.",
            "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input errors."})
public final class ScanCommand implements Callable<Integer> {
    enum Format { table, json, sarif, ocsf }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "manifest files, directories, or - for stdin")
    List<String> paths;

    @Option(names = "--format", defaultValue = "table", description = "table, json, sarif or ocsf (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "exit 1 when a finding is at or above this severity (critical, high, medium, low, info)")
    String failOn;

    @Option(names = "--checks", split = ",", paramLabel = "ID", description = "run only these checks")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", split = ",", paramLabel = "ID", description = "do not run these checks")
    List<String> skip = new ArrayList<>();

    @Option(names = "--include-system", description = "also audit system namespaces and built-in RBAC objects")
    boolean includeSystem;

    @Option(names = "--cluster", defaultValue = "default", description = "cluster name in finding ids (default: ${DEFAULT-VALUE})")
    String cluster;

    @Option(names = "--namespace", defaultValue = "default",
            description = "namespace of objects that declare none (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--allowed-registry", paramLabel = "PREFIX",
            description = "trusted image registry or repository prefix (repeatable); enables image-untrusted-registry")
    List<String> allowedRegistries = new ArrayList<>();

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();
    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        Severity threshold = failOn == null ? null : Severity.parse(failOn).orElseThrow(() -> new UserError(
                "--fail-on: unknown severity \"" + failOn + "\" (use critical, high, medium, low or info)"));
        CheckCatalog catalog = selectChecks();
        AuditSettings settings = AuditSettings.defaults().withCluster(cluster).withIncludeSystem(includeSystem)
                .withAllowedRegistries(allowedRegistries);
        ManifestReader reader = new ManifestReader(namespace);
        for (String path : paths) {
            reader.readPath(path, stdin);
        }
        ScanReport report = new Scanner(catalog, settings).scan(reader.result(), clock.instant());
        PrintWriter err = spec.commandLine().getErr();
        for (InputError e : report.errors()) {
            err.println(e);
        }
        report.failures().forEach(f -> err.println("vigil: check " + f.checkId() + " failed on "
                + f.subject().ref().display() + ": " + f.error()));
        err.flush();
        print(report, catalog);
        if (!report.errors().isEmpty()) {
            return ExitCodes.USAGE;
        }
        return threshold != null && report.hasFindingAtLeast(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private CheckCatalog selectChecks() {
        try {
            return BuiltInChecks.catalog().select(only, skip);
        } catch (CheckCatalog.UnknownChecksException e) {
            throw new UserError(e.getMessage() + " (see 'vigil checks')");
        }
    }

    private void print(ScanReport report, CheckCatalog catalog) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> out.println(pretty(ScanJson.render(report)));
            case sarif -> out.println(pretty(Sarif.render(report, catalog, Version.get())));
            case ocsf -> out.println(pretty(ocsf(report)));
            default -> out.print(Table.render(report));
        }
        out.flush();
    }

    private static ArrayNode ocsf(ScanReport report) {
        ArrayNode out = FindingJson.MAPPER.createArrayNode();
        report.findings().forEach(f -> out.add(Ocsf.complianceFinding(
                new TrackedFinding(f, FindingStatus.seenAt(report.time())), Ocsf.Activity.OPENED, report.time(),
                Version.get())));
        return out;
    }

    private static String pretty(JsonNode node) throws Exception {
        return FindingJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
