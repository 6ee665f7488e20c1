package io.vigil.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import io.vigil.scan.InputError;
import io.vigil.scan.ScanReport;
import java.util.function.Function;

/** {@code vigil scan --format json}: the {@code vigil.scan/v1} document of CHECKS.md. */
public final class ScanJson {
    private ScanJson() {}

    public static ObjectNode render(ScanReport report) {
        return render(report, f -> FindingStatus.seenAt(report.time()));
    }

    /** Renders with each finding's lifecycle status (a baseline sets baselined/drift). */
    public static ObjectNode render(ScanReport report, Function<Finding, FindingStatus> status) {
        ObjectNode doc = FindingJson.MAPPER.createObjectNode();
        doc.put("schema", "vigil.scan/v1");
        ArrayNode findings = doc.putArray("findings");
        for (Finding f : report.findings()) {
            findings.add(FindingJson.toJson(new TrackedFinding(f, status.apply(f))));
        }
        ArrayNode errors = doc.putArray("errors");
        for (InputError e : report.errors()) {
            ObjectNode err = errors.addObject().put("file", e.file());
            if (e.line() > 0) {
                err.put("line", e.line());
            } else {
                err.putNull("line");
            }
            err.put("reason", e.reason());
        }
        ObjectNode summary = doc.putObject("summary");
        summary.put("objects", report.objects());
        summary.put("files", report.files());
        summary.put("findings", report.findings().size());
        ObjectNode bySeverity = summary.putObject("bySeverity");
        for (Severity s : Severity.values()) {
            long n = report.findings().stream().filter(f -> f.severity() == s).count();
            if (n > 0) {
                bySeverity.put(s.label(), n);
            }
        }
        return doc;
    }
}
