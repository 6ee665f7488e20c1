package io.vigil.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.Kinds;

/**
 * What the cache keeps of an object: everything the checks read and nothing else. managedFields, the
 * last-applied annotation and status dominate an object's size and no check reads them (DESIGN §10:
 * a full Pod retains ~36 KB, a projection ~1.2 KB). Vulnerability reports keep only their artifact
 * and severity counts.
 */
public final class Projection {
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Projection() {}

    /** Projects in place; the caller owns the node (it was just deserialised). */
    public static ObjectNode project(String kindKey, ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            meta.remove("managedFields");
            if (meta.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LAST_APPLIED);
            }
        }
        if (Kinds.VULNERABILITY_REPORT.equals(kindKey)) {
            return vulnerabilityReport(object);
        }
        if (Kinds.POD.equals(kindKey)) {
            JsonNode phase = object.path("status").path("phase");
            object.remove("status");
            if (phase.isTextual()) {
                object.putObject("status").put("phase", phase.asText());
            }
        } else {
            object.remove("status");
        }
        return object;
    }

    private static ObjectNode vulnerabilityReport(ObjectNode object) {
        JsonNode report = object.path("report");
        object.remove("report");
        ObjectNode kept = object.putObject("report");
        for (String field : new String[] {"artifact", "registry", "summary"}) {
            if (report.has(field)) {
                kept.set(field, report.get(field));
            }
        }
        return object;
    }
}
