package io.vigil.cli;

import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineLoader;
import io.vigil.baseline.DriftTagger;
import io.vigil.check.AuditSettings;
import io.vigil.check.CheckCatalog;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.KubeObject;
import io.vigil.model.TrackedFinding;
import io.vigil.policy.ExceptionLoader;
import io.vigil.policy.ExceptionProblem;
import io.vigil.policy.ExceptionSet;
import io.vigil.policy.LoadResult;
import io.vigil.report.BaselineInfo;
import io.vigil.report.ChecklistReport;
import io.vigil.report.Doc;
import io.vigil.report.EventHistory;
import io.vigil.report.Framework;
import io.vigil.report.FrameworkReport;
import io.vigil.report.HistorySection;
import io.vigil.report.HistorySource;
import io.vigil.report.HtmlRenderer;
import io.vigil.report.MarkdownRenderer;
import io.vigil.report.ReportInput;
import io.vigil.report.ReportInputs;
import io.vigil.report.VigilApiClient;
import io.vigil.sink.kafka.EventHistoryReader;
import io.vigil.source.ClusterSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil report}: a compliance report (SOC 2, HIPAA, CIS, NSA/CISA) or the 10-point checklist, in Markdown or
 * HTML.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write a compliance report (soc2, hipaa, cis, nsa) or the 10-point production checklist "
                    + "(checklist) from manifests, a live cluster (--kubeconfig) or a running Vigil (--from-api).",
            "Exit codes: 0 report written, 2 usage or input errors or kinds the cluster would not list (the report is "
                    + "still written when possible, naming what was not audited); an unreachable cluster writes none."
        })
public final class ReportCommand implements Callable<Integer> {
    enum Kind {
        soc2,
        hipaa,
        cis,
        nsa,
        checklist
    }

    enum Format {
        md,
        html
    }

    @Option(
            names = "--framework",
            required = true,
            paramLabel = "NAME",
            description = "soc2 (SOC 2 TSC), hipaa (Security Rule), cis (CIS Kubernetes Benchmark v1.9.0), nsa "
                    + "(NSA/CISA Kubernetes Hardening Guidance v1.2) or checklist (the 10-point scorecard); any case")
    Kind framework;

    @Option(names = "--format", defaultValue = "md", description = "md or html (default: ${DEFAULT-VALUE})")
    Format format;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "manifest files, directories, or - for stdin")
    List<String> paths = new ArrayList<>();

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            description = "the audited baseline: the report covers the period since its capture, shows its digest and "
                    + "counts the findings it accepts as baselined")
    Path baselineFile;

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "HOST:PORT",
            description = "also report the history over the period from Vigil's events topic (read_committed)")
    String kafkaBootstrap;

    @Option(
            names = "--events-topic",
            defaultValue = "vigil.finding-events.v1",
            paramLabel = "TOPIC",
            description = "the events topic for --kafka-bootstrap (default: ${DEFAULT-VALUE})")
    String eventsTopic;

    @Option(
            names = "--examples",
            defaultValue = "5",
            paramLabel = "N",
            description = "example findings per control or checklist point (default: ${DEFAULT-VALUE})")
    int examples;

    @Mixin
    KubeconfigOptions kube;

    @Mixin
    ApiOptions api;

    @Mixin
    OutputOption output;

    @Mixin
    ExceptionOptions exceptionOptions;

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
        int inputs = (paths.isEmpty() ? 0 : 1) + (kube.given() ? 1 : 0) + (api.given() ? 1 : 0);
        if (inputs != 1) {
            throw new UserError("give exactly one input: manifest PATHs (or - for stdin), --kubeconfig FILE, "
                    + "or --from-api URL");
        }
        if (examples < 0) {
            throw new UserError("--examples must be 0 or more");
        }
        PrintWriter err = spec.commandLine().getErr();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        CheckCatalog catalog = BuiltInChecks.catalog();
        boolean problems = false;

        ExceptionSet exceptionSet = ExceptionSet.empty();
        Path exceptions = exceptionOptions.file();
        if (exceptions != null) {
            LoadResult loaded = new ExceptionLoader(catalog.ids(), clock).load(exceptions);
            for (ExceptionProblem p : loaded.errors()) {
                err.println("vigil: " + p);
            }
            for (ExceptionProblem p : loaded.warnings()) {
                err.println("vigil: warning: " + p);
            }
            problems = loaded.hasErrors();
            exceptionSet = loaded.exceptions();
        }

        AuditSettings settings = audit.settings(maskKey.masking());
        String exceptionsName = exceptions == null ? null : exceptions.toString();
        ReportInput input;
        if (!paths.isEmpty()) {
            input = ReportInputs.fromManifests(
                    paths,
                    stdin,
                    audit.namespace(),
                    catalog,
                    settings,
                    exceptionSet,
                    exceptionsName,
                    exceptionOptions.annotations(),
                    now);
            input.problems().forEach(p -> err.println(p));
            problems |= !input.problems().isEmpty();
        } else if (kube.given()) {
            input = fromCluster(catalog, settings, exceptionSet, exceptionsName, now);
            input.problems().forEach(p -> err.println("vigil: " + p));
            Map<String, String> unread = input.inventory().unread();
            unread.forEach((kind, why) -> err.println("vigil: not audited: " + kind + " (" + why + ")"));
            problems |= !unread.isEmpty() || !input.problems().isEmpty();
        } else {
            input = fromApi(exceptionSet, exceptionsName, now);
        }
        Optional<Baseline> loaded = loadBaseline(err);
        problems |= baselineFile != null && loaded.isEmpty();
        if (loaded.isPresent()) {
            Baseline b = loaded.get();
            DriftTagger tagger = DriftTagger.of(b);
            input = new ReportInput(
                    input.cluster(),
                    input.source(),
                    input.description(),
                    input.generatedAt(),
                    input.findings().stream().map(tagger::tag).toList(),
                    input.inventory(),
                    input.exceptions(),
                    input.exceptionsFile(),
                    new BaselineInfo(
                            b.digest(), b.metadata().capturedAt(), b.metadata().capturedBy()),
                    input.problems());
        }

        Doc doc = framework == Kind.checklist
                ? ChecklistReport.build(input, catalog, examples).toDoc()
                : FrameworkReport.build(
                                input,
                                catalog,
                                Framework.parse(framework.name()).orElseThrow(),
                                examples)
                        .toDoc();
        if (kafkaBootstrap != null && framework != Kind.checklist) {
            HistorySection.append(
                    doc, history(loaded, now), Framework.parse(framework.name()).orElseThrow());
        }
        String text = format == Format.html ? HtmlRenderer.render(doc) : MarkdownRenderer.render(doc);
        output.write(text, spec.commandLine().getOut());
        err.flush();
        return problems ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /** The events topic's history since the baseline's capture (or the topic's start): DESIGN issue #5. */
    private EventHistory history(Optional<Baseline> baseline, Instant now) {
        Instant from = baseline.map(b -> b.metadata().capturedAt()).orElse(null);
        HistorySource topic = new EventHistoryReader(kafkaBootstrap, eventsTopic, Map.of(), Duration.ofSeconds(10));
        try {
            return EventHistory.read(topic, from, now);
        } catch (HistorySource.Unavailable e) {
            throw new UserError("--kafka-bootstrap " + kafkaBootstrap + ": " + e.getMessage());
        }
    }

    /** The baseline of {@code --baseline}; every rejected entry is named on stderr, the valid ones apply. */
    private Optional<Baseline> loadBaseline(PrintWriter err) {
        if (baselineFile == null) {
            return Optional.empty();
        }
        BaselineLoader.Result result = BaselineLoader.load(baselineFile);
        result.problems().forEach(p -> err.println(p));
        return result.baseline();
    }

    private ReportInput fromCluster(
            CheckCatalog catalog,
            AuditSettings settings,
            ExceptionSet exceptionSet,
            String exceptionsName,
            Instant now) {
        try (ClusterAccess cluster = kube.open()) {
            ClusterSnapshot.Result listed = cluster.read("no report written");
            List<KubeObject> objects = listed.objects();
            String description = "cluster " + cluster.where() + ": " + objects.size() + " objects listed at " + now
                    + (listed.unread().isEmpty()
                            ? ""
                            : "; " + listed.unread().size() + " kinds could not be listed (see Not audited)");
            return ReportInputs.fromObjects(
                    objects,
                    ClusterAccess.reasons(listed.unread()),
                    description,
                    catalog,
                    settings,
                    exceptionSet,
                    exceptionsName,
                    now);
        }
    }

    private ReportInput fromApi(ExceptionSet exceptionSet, String exceptionsName, Instant now) throws Exception {
        URI fromApi = api.url();
        String token = api.token();
        List<TrackedFinding> findings;
        try {
            findings = new VigilApiClient(fromApi, token).findings();
        } catch (IOException e) {
            throw new UserError("cannot read findings from " + fromApi + ": " + e.getMessage());
        }
        return ReportInputs.fromFindings(
                audit.cluster(),
                "running Vigil at " + fromApi + ": " + findings.size() + " open findings read at " + now,
                findings,
                exceptionSet,
                exceptionsName,
                now);
    }
}
