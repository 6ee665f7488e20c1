package io.vigil.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceRef;

/**
 * The defaulting the API server would apply on admission, so that manifests are audited as the
 * cluster would store them (DESIGN §2).
 */
final class ApiDefaults {
    private ApiDefaults() {}

    static void apply(ObjectNode object, String defaultNamespace) {
        String kind = object.path("kind").asText();
        String kindKey = new ResourceRef(object.path("apiVersion").asText(), kind, null, "", null)
                .key()
                .kind();
        ObjectNode metadata = object.has("metadata") && object.get("metadata").isObject()
                ? (ObjectNode) object.get("metadata")
                : object.putObject("metadata");
        if (Kinds.isNamespaced(kindKey) && !metadata.path("namespace").isTextual()) {
            metadata.put("namespace", defaultNamespace);
        }
        if (Kinds.NAMESPACE.equals(kindKey)) {
            labels(metadata)
                    .put("kubernetes.io/metadata.name", metadata.path("name").asText());
        }
        if (Kinds.NETWORK_POLICY.equals(kindKey) && object.path("spec").isObject()) {
            defaultPolicyTypes((ObjectNode) object.get("spec"));
        }
    }

    private static ObjectNode labels(ObjectNode metadata) {
        JsonNode labels = metadata.get("labels");
        return labels != null && labels.isObject() ? (ObjectNode) labels : metadata.putObject("labels");
    }

    /** Ingress is always implied; Egress only when egress rules are present. */
    private static void defaultPolicyTypes(ObjectNode spec) {
        JsonNode types = spec.get("policyTypes");
        if (types != null && types.isArray() && !types.isEmpty()) {
            return;
        }
        ArrayNode defaulted = spec.putArray("policyTypes");
        defaulted.add("Ingress");
        JsonNode egress = spec.get("egress");
        if (egress != null && egress.isArray() && !egress.isEmpty()) {
            defaulted.add("Egress");
        }
    }
}
