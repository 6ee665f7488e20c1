package io.vigil.scan;

import io.vigil.check.AuditSettings;
import io.vigil.check.CheckCatalog;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code vigil scan}: evaluates manifests with the same Evaluator the live pipeline uses. */
public final class Scanner {
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(
                    f -> f.resource().namespace() == null ? "" : f.resource().namespace())
            .thenComparing(f -> f.resource().kind())
            .thenComparing(f -> f.resource().name())
            .thenComparing(Finding::checkId)
            .thenComparing(Finding::path);

    private final Evaluator evaluator;

    public Scanner(CheckCatalog checks, AuditSettings settings) {
        this.evaluator = new Evaluator(checks.all(), settings);
    }

    public ScanReport scan(ScanInput input, Instant now) {
        List<KubeObject> objects =
                input.objects().stream().map(ScannedObject::object).toList();
        ManifestClusterView view = new ManifestClusterView(objects, evaluator.settings());
        List<Finding> findings = new ArrayList<>();
        List<Evaluator.CheckFailure> failures = new ArrayList<>();
        for (ScannedObject scanned : input.objects()) {
            Evaluator.Result result = evaluator.evaluate(scanned.object(), view);
            for (Finding f : result.findings()) {
                findings.add(f.withSource(ScanReport.locate(scanned, f.path())));
            }
            failures.addAll(result.failures());
        }
        findings.sort(ORDER);
        return new ScanReport(findings, input.errors(), failures, objects.size(), input.files(), now);
    }
}
