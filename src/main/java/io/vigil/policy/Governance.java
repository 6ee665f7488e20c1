package io.vigil.policy;

import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineDriftCheck;
import io.vigil.baseline.BaselineLoader;
import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.check.Evaluator;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.MetricCatalog;
import io.vigil.metrics.VigilMetrics;
import io.vigil.model.ConfigChange;
import io.vigil.pipeline.AuditVerticle;
import io.vigil.source.KubeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline and the exceptions in force (DESIGN §6): loaded from a file or ConfigMap, re-read every
 * two seconds and re-installed when their text changes. Installing rebuilds the evaluator (a baseline
 * adds {@code baseline-drift}), swaps the ledger's policy, updates the metrics, and records the change
 * once as {@code io.vigil.config.changed} (the last digest is kept in the data directory so a restart does
 * not record it again). Invalid entries are rejected by name; the valid ones still apply.
 */
public final class Governance {
    private static final Logger LOG = LoggerFactory.getLogger(Governance.class);

    private final VigilConfig.Source baselineSource;
    private final VigilConfig.Source exceptionsSource;
    private final CheckCatalog catalog;
    private final AuditSettings audit;
    private final Clock clock;
    private final VigilMetrics metrics;
    private final Path digestFile;
    private final Consumer<ConfigChange> changes;
    private AuditVerticle pipeline;
    private KubeSource cluster;
    private volatile AuditPolicy current = AuditPolicy.EMPTY;
    private String lastBaselineText;
    private String lastExceptionsText;
    private List<Tags> expirySeries = List.of();
    private Tags baselineSeries;

    public Governance(
            VigilConfig.Source baseline,
            VigilConfig.Source exceptions,
            CheckCatalog catalog,
            AuditSettings audit,
            Clock clock,
            VigilMetrics metrics,
            Path dataDir,
            Consumer<ConfigChange> changes) {
        this.baselineSource = baseline;
        this.exceptionsSource = exceptions;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
        this.digestFile = dataDir.resolve("config-digest");
        this.changes = changes;
    }

    public boolean configured() {
        return baselineSource.isConfigured() || exceptionsSource.isConfigured();
    }

    /** Starts reading the configured sources (off the event loop) every two seconds. */
    public void start(Vertx vertx, AuditVerticle auditPipeline, KubeSource kubeSource) {
        this.pipeline = auditPipeline;
        this.cluster = kubeSource;
        if (!configured()) {
            return;
        }
        vertx.executeBlocking(
                () -> {
                    reload();
                    return null;
                },
                false);
        vertx.setPeriodic(
                2000,
                id -> vertx.executeBlocking(
                        () -> {
                            reload();
                            return null;
                        },
                        false));
    }

    public AuditPolicy policy() {
        return current;
    }

    public Optional<Baseline> baseline() {
        return current.baseline();
    }

    /** Installs a baseline captured in-process (the demo), keeping the exceptions in force. */
    public synchronized void installBaseline(Baseline baseline) {
        install(new AuditPolicy(Optional.of(baseline), current.exceptions()), List.of("baseline installed"));
    }

    synchronized void reload() {
        Optional<PolicyText> baselineText = PolicyText.read(baselineSource, "baseline.yaml", cluster);
        Optional<PolicyText> exceptionsText = PolicyText.read(exceptionsSource, "exceptions.yaml", cluster);
        String b = baselineText.map(PolicyText::text).orElse(null);
        String e = exceptionsText.map(PolicyText::text).orElse(null);
        if (Objects.equals(b, lastBaselineText) && Objects.equals(e, lastExceptionsText)) {
            return;
        }
        lastBaselineText = b;
        lastExceptionsText = e;
        List<String> details = new ArrayList<>();
        Optional<Baseline> baseline = current.baseline();
        if (baselineText.isPresent()) {
            baseline = loadBaseline(baselineText.get(), details).or(() -> current.baseline());
        }
        ExceptionSet exceptions = current.exceptions();
        if (exceptionsText.isPresent()) {
            exceptions = loadExceptions(exceptionsText.get(), details);
        }
        install(new AuditPolicy(baseline, exceptions), details);
    }

    private Optional<Baseline> loadBaseline(PolicyText text, List<String> details) {
        if (!text.readable()) {
            LOG.error("baseline {} cannot be read: keeping the one in force", text.name());
            return Optional.empty();
        }
        BaselineLoader.Result result = BaselineLoader.parse(text.name(), text.text());
        result.problems().forEach(p -> LOG.error("baseline rejected entry: {}", p));
        result.baseline()
                .ifPresent(b -> details.add("baseline " + b.digest() + " from " + text.name() + " ("
                        + b.findings().size() + " accepted findings, "
                        + b.fingerprints().size() + " fingerprints)"));
        return result.baseline();
    }

    private ExceptionSet loadExceptions(PolicyText text, List<String> details) {
        if (!text.readable()) {
            LOG.error("exceptions {} cannot be read: keeping the ones in force", text.name());
            return current.exceptions();
        }
        LoadResult result = new ExceptionLoader(catalog.ids(), clock).parse(text.name(), text.text());
        result.errors().forEach(p -> LOG.error("exception rejected: {}", p));
        result.warnings().forEach(p -> LOG.warn("exception: {}", p));
        details.add("exceptions " + result.exceptions().digest() + " from " + text.name() + " ("
                + result.exceptions().size() + " valid, " + result.errors().size() + " rejected)");
        return result.exceptions();
    }

    private void install(AuditPolicy next, List<String> details) {
        AuditPolicy previous = current;
        current = next;
        List<Check> checks = new ArrayList<>(catalog.all());
        next.baseline().ifPresent(b -> checks.add(new BaselineDriftCheck(b)));
        if (pipeline != null) {
            pipeline.reconfigure(new Evaluator(checks, audit), next);
        }
        updateMetrics(next);
        recordChange(previous, next, details);
    }

    private void updateMetrics(AuditPolicy next) {
        if (baselineSeries != null) {
            metrics.removeGauge(MetricCatalog.BASELINE_INFO, baselineSeries);
        }
        baselineSeries = next.baseline().map(b -> Tags.of("digest", b.digest())).orElse(null);
        if (baselineSeries != null) {
            metrics.gauge(MetricCatalog.BASELINE_INFO, baselineSeries).set(1);
        }
        // 0 without a baseline: the dashboard's capture age then reads "never", not a stale date
        metrics.gauge(MetricCatalog.BASELINE_CAPTURE, Tags.empty())
                .set(next.baseline()
                        .map(b -> b.metadata().capturedAt())
                        .map(java.time.Instant::getEpochSecond)
                        .orElse(0L));
        expirySeries.forEach(t -> metrics.removeGauge(MetricCatalog.EXCEPTION_EXPIRY, t));
        List<Tags> series = new ArrayList<>();
        for (ExceptionEntry e : next.exceptions().entries()) {
            Tags tags = Tags.of("exception", e.id());
            metrics.gauge(MetricCatalog.EXCEPTION_EXPIRY, tags).set(e.expires().getEpochSecond());
            series.add(tags);
        }
        expirySeries = series;
    }

    private void recordChange(AuditPolicy previous, AuditPolicy next, List<String> details) {
        String before = readDigest();
        String after = next.digest();
        if (after.equals(before)) {
            return;
        }
        Set<ConfigChange.Part> parts = EnumSet.noneOf(ConfigChange.Part.class);
        if (!previous.baselineDigest().equals(next.baselineDigest())) {
            parts.add(ConfigChange.Part.BASELINE);
        }
        if (!previous.exceptions().digest().equals(next.exceptions().digest())) {
            parts.add(ConfigChange.Part.EXCEPTIONS);
        }
        if (parts.isEmpty()) {
            parts = EnumSet.allOf(ConfigChange.Part.class);
        }
        ConfigChange change = new ConfigChange(parts, before, after, clock.instant(), details);
        LOG.info("configuration changed ({}): digest {} -> {}", parts, before == null ? "none" : before, after);
        changes.accept(change);
        writeDigest(after);
    }

    private String readDigest() {
        try {
            return Files.exists(digestFile) ? Files.readString(digestFile).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void writeDigest(String digest) {
        try {
            Files.createDirectories(digestFile.getParent());
            Files.writeString(digestFile, digest);
        } catch (IOException e) {
            LOG.warn("cannot record the configuration digest in {}: {}", digestFile, e.getMessage());
        }
    }
}
