package io.vigil.policy;

import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineLoader;
import io.vigil.check.CheckCatalog;
import io.vigil.check.ClusterView;
import io.vigil.config.VigilConfig;
import io.vigil.model.ConfigChange;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline and the exceptions in force (DESIGN §6): loaded from a file or ConfigMap and re-installed
 * as one {@link AuditPolicy} when their text changes ({@link #reload()}, which the service calls every two
 * seconds off the event loop). Installing hands the new policy to its listeners (the pipeline, the
 * metrics) and records the change
 * once as {@code io.vigil.config.changed} (the last digest is kept in the data directory so a restart does
 * not record it again). Invalid entries are rejected by name; the valid ones still apply.
 */
public final class Governance {
    private static final Logger LOG = LoggerFactory.getLogger(Governance.class);

    private final VigilConfig.Source baselineSource;
    private final VigilConfig.Source exceptionsSource;
    private final CheckCatalog catalog;
    private final Clock clock;
    private final Path digestFile;
    private final Consumer<ConfigChange> changes;
    private final List<Consumer<AuditPolicy>> listeners = new CopyOnWriteArrayList<>();
    private volatile ClusterView cluster;
    private volatile AuditPolicy current = AuditPolicy.EMPTY;
    private String lastBaselineText;
    private String lastExceptionsText;

    public Governance(
            VigilConfig.Source baseline,
            VigilConfig.Source exceptions,
            CheckCatalog catalog,
            Clock clock,
            Path dataDir,
            Consumer<ConfigChange> changes) {
        this.baselineSource = baseline;
        this.exceptionsSource = exceptions;
        this.catalog = catalog;
        this.clock = clock;
        this.digestFile = dataDir.resolve("config-digest");
        this.changes = changes;
    }

    public boolean configured() {
        return baselineSource.isConfigured() || exceptionsSource.isConfigured();
    }

    /** Called with every policy installed from now on, in order. */
    public void onInstall(Consumer<AuditPolicy> listener) {
        listeners.add(listener);
    }

    /** Where ConfigMap sources are read (the informer cache); without it only files are read. */
    public void readConfigMapsFrom(ClusterView view) {
        this.cluster = view;
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

    /** Re-reads the sources and installs the policy when their text changed. Blocks (file and cache reads). */
    public synchronized void reload() {
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
        listeners.forEach(l -> l.accept(next));
        recordChange(previous, next, details);
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
