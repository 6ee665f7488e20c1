package io.vigil.cli;

import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineCapture;
import io.vigil.baseline.BaselineCodec;
import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.KubeObject;
import io.vigil.scan.InputError;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanInput;
import io.vigil.scan.ScanReport;
import io.vigil.scan.ScannedObject;
import io.vigil.scan.Scanner;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil baseline capture}: the audited state as a baseline document, from manifests, a live cluster
 * (one LIST of every watched kind) or a running Vigil's API. Exactly one source.
 */
@Command(
        name = "capture",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Capture a baseline: the findings accepted now and a fingerprint of every RBAC object,"
                    + " NetworkPolicy, namespace label set, admission webhook configuration and Dapr Configuration.",
            "Source (exactly one): manifests (PATH... or - for stdin), a cluster (--kubeconfig FILE),"
                    + " or a running Vigil (--from-api URL; the baseline takes its cluster name unless --cluster"
                    + " names one).",
            "Exit codes: 0 written, 2 usage or input errors (nothing is written)."
        })
public final class BaselineCaptureCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "manifest files, directories, or - for stdin")
    List<String> paths = new ArrayList<>();

    @Option(names = "--captured-by", paramLabel = "NAME", description = "who captures (default: the OS user)")
    String capturedBy;

    @Mixin
    KubeconfigOptions kube;

    @Mixin
    ApiOptions api;

    @Mixin
    OutputOption output;

    @Mixin
    AuditOptions audit;

    @Mixin
    MaskKeyOption maskKey;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();
    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        int sources = (paths.isEmpty() ? 0 : 1) + (kube.given() ? 1 : 0) + (api.given() ? 1 : 0);
        if (sources != 1) {
            throw new UserError("choose exactly one source: PATH... (manifests), --kubeconfig FILE (a cluster) or"
                    + " --from-api URL (a running Vigil)");
        }
        AuditSettings settings = audit.settings(maskKey.masking());
        String by = capturedBy != null ? capturedBy : System.getProperty("user.name", "unknown");
        PrintWriter err = spec.commandLine().getErr();
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Baseline baseline;
        if (!paths.isEmpty()) {
            baseline = fromManifests(settings, at, by, err);
            if (baseline == null) {
                return ExitCodes.USAGE;
            }
        } else if (kube.given()) {
            baseline = ClusterCapture.capture(kube, settings, at, by);
        } else {
            baseline = new ApiCapture(api.url().toString(), api.token(), err).capture(audit.givenCluster(), at, by);
        }
        if (api.url == null) {
            maskKey.noteUnkeyed(
                    err,
                    java.util.stream.Stream.concat(
                            baseline.findings().stream().map(Baseline.AcceptedFinding::observed),
                            baseline.fingerprints().stream().flatMap(f -> f.fields().values().stream())));
        }
        output.write(BaselineCodec.yaml(baseline), spec.commandLine().getOut());
        err.println(
                "vigil: captured the baseline of cluster " + baseline.metadata().cluster() + ": "
                        + baseline.findings().size() + " accepted findings, "
                        + baseline.fingerprints().size()
                        + " fingerprints, digest " + baseline.digest().substring(0, 12)
                        + (output.file() == null ? "" : " -> " + output.file()));
        err.flush();
        return ExitCodes.OK;
    }

    private Baseline fromManifests(AuditSettings settings, Instant at, String by, PrintWriter err) {
        ManifestReader reader = new ManifestReader(audit.namespace());
        for (String path : paths) {
            reader.readPath(path, stdin);
        }
        ScanInput input = reader.result();
        if (!input.errors().isEmpty()) {
            for (InputError e : input.errors()) {
                err.println(e);
            }
            err.println("vigil: no baseline written: a baseline of partly read manifests would call the rest drift");
            err.flush();
            return null;
        }
        ScanReport report = new Scanner(BuiltInChecks.catalog(), settings).scan(input, at);
        List<KubeObject> objects =
                input.objects().stream().map(ScannedObject::object).toList();
        return BaselineCapture.capture(
                objects,
                report.findings(),
                settings,
                BaselineCapture.metadata(settings, at, by, "manifests: " + String.join(", ", paths)));
    }
}
