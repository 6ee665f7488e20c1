package io.vigil.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.check.CheckDescriptor;
import io.vigil.model.Finding;
import io.vigil.model.Severity;
import io.vigil.scan.InputError;
import io.vigil.scan.ScanReport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one rule per check with a {@code security-severity},
 * one result per finding at the file and line of the offending element, a stable partial fingerprint
 * (the finding id), and input errors as tool notifications.
 */
public final class Sarif {
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {}

    public static ObjectNode render(ScanReport report, CheckCatalog catalog, String version) {
        return render(report, catalog, version, f -> null);
    }

    /**
     * @param suppression why a finding is suppressed (an exception or annotation exemption), null when open: such a
     *     result carries a SARIF {@code suppressions} entry, so code scanning shows it as dismissed, not absent
     */
    public static ObjectNode render(
            ScanReport report, CheckCatalog catalog, String version, Function<Finding, String> suppression) {
        ObjectNode doc = FindingJson.MAPPER.createObjectNode();
        doc.put("$schema", SCHEMA);
        doc.put("version", "2.1.0");
        ObjectNode run = doc.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "vigil");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/vigil-audit/vigil");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (Check check : catalog.all()) {
            ruleIndex.put(check.id(), rules.size());
            rules.add(rule(check.descriptor()));
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode result = result(f, ruleIndex.getOrDefault(f.checkId(), -1));
            String justification = suppression.apply(f);
            if (justification != null) {
                result.putArray("suppressions")
                        .addObject()
                        .put("kind", "external")
                        .put("status", "accepted")
                        .put("justification", justification);
            }
            results.add(result);
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", report.errors().isEmpty());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (InputError e : report.errors()) {
            notifications.add(notification(e));
        }
        return doc;
    }

    private static ObjectNode rule(CheckDescriptor d) {
        ObjectNode r = FindingJson.MAPPER.createObjectNode();
        r.put("id", d.id());
        r.put("name", camel(d.id()));
        r.putObject("shortDescription").put("text", d.title());
        r.putObject("fullDescription").put("text", d.title() + " (" + d.family().label() + ")");
        r.putObject("help").put("text", d.remediation());
        r.putObject("defaultConfiguration").put("level", level(d.severity()));
        ObjectNode props = r.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        tags.add(d.family().label());
        d.controls().forEach(tags::add);
        props.put("security-severity", securitySeverity(d.severity()));
        return r;
    }

    private static ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode r = FindingJson.MAPPER.createObjectNode();
        r.put("ruleId", f.checkId());
        if (ruleIndex >= 0) {
            r.put("ruleIndex", ruleIndex);
        }
        r.put("level", level(f.severity()));
        r.putObject("message")
                .put(
                        "text",
                        f.message() + " (" + f.resource().display() + ", " + f.path() + ": observed " + f.observed()
                                + ", expected " + f.expected() + ")");
        ObjectNode location = r.putArray("locations").addObject();
        if (f.source() != null) {
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(f.source().file()));
            physical.putObject("region").put("startLine", Math.max(1, f.source().line()));
        }
        location.putArray("logicalLocations")
                .addObject()
                .put("fullyQualifiedName", f.resource().display().replace(' ', '/') + "#" + f.path())
                .put("kind", "object");
        r.putObject("partialFingerprints").put("vigilFindingId/v1", f.id());
        ObjectNode props = r.putObject("properties");
        props.put("severity", f.severity().label());
        ArrayNode controls = props.putArray("controls");
        f.controls().forEach(controls::add);
        return r;
    }

    private static ObjectNode notification(InputError e) {
        ObjectNode n = FindingJson.MAPPER.createObjectNode();
        n.put("level", "error");
        n.putObject("message").put("text", e.toString());
        ObjectNode physical = n.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(e.file()));
        if (e.line() > 0) {
            physical.putObject("region").put("startLine", e.line());
        }
        return n;
    }

    /** Relative URIs with forward slashes, as code scanning resolves them against the repository root. */
    static String uri(String file) {
        if ("-".equals(file)) {
            return "stdin";
        }
        Path p = Path.of(file).normalize();
        if (p.isAbsolute()) {
            Path cwd = Path.of("").toAbsolutePath();
            p = p.startsWith(cwd) ? cwd.relativize(p) : p;
        }
        String text = p.toString().replace('\\', '/');
        return p.isAbsolute() ? "file://" + text : text;
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub maps >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low. */
    static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "1.0";
        };
    }

    private static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : List.of(id.split("-"))) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
