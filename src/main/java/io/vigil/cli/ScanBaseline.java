package io.vigil.cli;

import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineDriftCheck;
import io.vigil.baseline.BaselineLoader;
import io.vigil.baseline.BaselineProblem;
import io.vigil.baseline.DriftTagger;
import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.scan.InputError;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ScanInput;
import io.vigil.scan.ScanReport;
import io.vigil.scan.ScannedObject;
import io.vigil.scan.Scanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code vigil scan --baseline FILE}: the loaded baseline (its problems become input errors: exit 2, the
 * valid entries still apply), the drift tagger and the {@code baseline-drift} check with its deletions.
 */
final class ScanBaseline {
    private final Baseline baseline;
    private final List<InputError> problems;
    private final BaselineDriftCheck drift;

    private ScanBaseline(Baseline baseline, List<InputError> problems, BaselineDriftCheck drift) {
        this.baseline = baseline;
        this.problems = problems;
        this.drift = drift;
    }

    static ScanBaseline load(Path file, List<String> only, List<String> skip, AuditSettings settings, PrintWriter err) {
        if (file == null) {
            return new ScanBaseline(null, List.of(), null);
        }
        BaselineLoader.Result loaded = BaselineLoader.load(file);
        List<InputError> problems =
                loaded.problems().stream().map(BaselineProblem::toInputError).toList();
        Baseline baseline = loaded.baseline().orElse(null);
        if (baseline == null) {
            err.println("vigil: " + file + ": not used: findings are neither baselined nor drift");
            return new ScanBaseline(null, problems, null);
        }
        String captured = baseline.metadata().cluster();
        if (captured != null && !captured.equals(settings.cluster())) {
            err.println("vigil: warning: " + file + " was captured for cluster \"" + captured
                    + "\" but this scan names the cluster \"" + settings.cluster() + "\" (--cluster):"
                    + " finding ids differ, so no finding matches the baseline");
        }
        boolean runDrift =
                !skip.contains(BaselineDriftCheck.ID) && (only.isEmpty() || only.contains(BaselineDriftCheck.ID));
        return new ScanBaseline(baseline, problems, runDrift ? new BaselineDriftCheck(baseline) : null);
    }

    DriftTagger tagger() {
        return DriftTagger.of(baseline);
    }

    Optional<Check> driftCheck() {
        return Optional.ofNullable(drift);
    }

    /**
     * The report plus the deletion findings of baseline-drift (the scanned manifests are the whole
     * cluster: a fingerprinted object missing from them was deleted) and the baseline's problems.
     */
    ScanReport withDeletions(ScanReport report, ScanInput input, AuditSettings settings) {
        if (baseline == null && problems.isEmpty()) {
            return report;
        }
        List<Finding> findings = new ArrayList<>(report.findings());
        if (drift != null) {
            List<KubeObject> objects =
                    input.objects().stream().map(ScannedObject::object).toList();
            findings.addAll(drift.deletions(new ManifestClusterView(objects, settings), kind -> true));
            findings.sort(Scanner.ORDER);
        }
        List<InputError> errors = new ArrayList<>(problems);
        errors.addAll(report.errors());
        return new ScanReport(findings, errors, report.failures(), report.objects(), report.files(), report.time());
    }
}
