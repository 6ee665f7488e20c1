package io.vigil.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.TrackedFinding;

/** The JSON shape of a finding shared by {@code vigil scan --format json} and {@code /api/v1/findings} (CHECKS.md). */
public final class FindingJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private FindingJson() {
    }

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
            o.putObject("source").put("file", f.source().file()).put("line", f.source().line());
        }
        o.put("firstSeen", s.firstSeen().toString());
        o.put("lastSeen", s.lastSeen().toString());
        o.put("baselined", s.baselined());
        o.put("drift", s.drift());
        o.put("stale", s.stale());
        if (s.suppression() == null) {
            o.putNull("suppressed");
        } else {
            o.putObject("suppressed").put("exception", s.suppression().exceptionId())
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
}
