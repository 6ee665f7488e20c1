package io.vigil.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.SourceLocation;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON shape of a finding shared by {@code vigil scan --format json}, {@code /api/v1/findings} and the
 * {@code unmapped.vigil} object of the OCSF mapping (CHECKS.md). {@link #parse} is its exact inverse: the
 * Kafka state topic is read back through it on restart.
 */
public final class FindingJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private FindingJson() {}

    public static ObjectNode toJson(TrackedFinding tracked) {
        Finding f = tracked.finding();
        FindingStatus s = tracked.status();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", f.id());
        o.put("cluster", f.cluster());
        o.put("check", f.checkId());
        o.put("family", f.family());
        o.put("severity", f.severity().label());
        o.put("title", f.title());
        o.put("message", f.message());
        o.set("resource", resource(f.resource()));
        o.put("path", f.path());
        o.put("observed", f.observed());
        o.put("expected", f.expected());
        ArrayNode controls = o.putArray("controls");
        f.controls().forEach(controls::add);
        o.put("remediation", f.remediation());
        if (f.source() == null) {
            o.putNull("source");
        } else {
            o.putObject("source")
                    .put("file", f.source().file())
                    .put("line", f.source().line());
        }
        o.put("firstSeen", s.firstSeen().toString());
        o.put("lastSeen", s.lastSeen().toString());
        o.put("baselined", s.baselined());
        o.put("drift", s.drift());
        o.put("stale", s.stale());
        if (s.suppression() == null) {
            o.putNull("suppressed");
        } else {
            o.putObject("suppressed")
                    .put("exception", s.suppression().exceptionId())
                    .put("expires", s.suppression().expires().toString());
        }
        return o;
    }

    public static ObjectNode resource(ResourceRef r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("apiVersion", r.apiVersion());
        o.put("kind", r.kind());
        o.put("namespace", r.namespace());
        o.put("name", r.name());
        o.put("uid", r.uid());
        return o;
    }

    /**
     * Reads back what {@link #toJson} wrote: {@code parse(toJson(t)).equals(t)} for every tracked finding.
     *
     * @throws IllegalArgumentException naming the first missing or ill-typed field
     */
    public static TrackedFinding parse(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("a finding must be a JSON object");
        }
        JsonNode r = o.get("resource");
        if (r == null || !r.isObject()) {
            throw new IllegalArgumentException("finding field 'resource' must be an object");
        }
        ResourceRef resource = new ResourceRef(
                text(r, "apiVersion", "resource."),
                text(r, "kind", "resource."),
                text(r, "namespace", "resource."),
                text(r, "name", "resource."),
                text(r, "uid", "resource."));
        String severityText = required(o, "severity");
        Severity severity = Severity.parse(severityText)
                .orElseThrow(() ->
                        new IllegalArgumentException("finding field 'severity' is not a severity: " + severityText));
        JsonNode controlsNode = o.get("controls");
        if (controlsNode == null || !controlsNode.isArray()) {
            throw new IllegalArgumentException("finding field 'controls' must be an array");
        }
        List<String> controls = new ArrayList<>();
        for (JsonNode c : controlsNode) {
            if (!c.isTextual()) {
                throw new IllegalArgumentException("finding field 'controls' must hold strings");
            }
            controls.add(c.asText());
        }
        SourceLocation source = null;
        JsonNode src = o.get("source");
        if (src != null && !src.isNull()) {
            if (!src.isObject() || !src.path("line").canConvertToInt()) {
                throw new IllegalArgumentException("finding field 'source' must be null or {file, line}");
            }
            source = new SourceLocation(
                    text(src, "file", "source."), src.get("line").intValue());
        }
        Finding finding = new Finding(
                required(o, "id"),
                text(o, "cluster", ""),
                required(o, "check"),
                text(o, "family", ""),
                severity,
                text(o, "title", ""),
                text(o, "message", ""),
                resource,
                required(o, "path"),
                text(o, "observed", ""),
                text(o, "expected", ""),
                controls,
                text(o, "remediation", ""),
                source);
        Suppression suppression = null;
        JsonNode sup = o.get("suppressed");
        if (sup != null && !sup.isNull()) {
            if (!sup.isObject()) {
                throw new IllegalArgumentException("finding field 'suppressed' must be null or {exception, expires}");
            }
            String expires = text(sup, "expires", "suppressed.");
            suppression = new Suppression(
                    text(sup, "exception", "suppressed."),
                    expires == null ? null : instant(expires, "suppressed.expires"));
        }
        FindingStatus status = new FindingStatus(
                instant(required(o, "firstSeen"), "firstSeen"),
                instant(required(o, "lastSeen"), "lastSeen"),
                bool(o, "baselined"),
                bool(o, "drift"),
                bool(o, "stale"),
                suppression);
        return new TrackedFinding(finding, status);
    }

    private static String required(JsonNode o, String field) {
        String value = text(o, field, "");
        if (value == null) {
            throw new IllegalArgumentException("finding field '" + field + "' is missing");
        }
        return value;
    }

    /** A string field, null when absent or JSON null. */
    private static String text(JsonNode o, String field, String prefix) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("finding field '" + prefix + field + "' must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("finding field '" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("finding field '" + field + "' is not an RFC 3339 UTC time: " + text);
        }
    }
}
