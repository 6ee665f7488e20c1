package io.vigil.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Workload identity (DESIGN §2): which controller, if any, owns an object. A model fact, not a check helper:
 * the evaluator decides by it which objects are top controllers.
 */
public final class Ownership {
    private Ownership() {}

    /** The kind of the controller ownerReference ({@code controller: true}), if any. */
    public static Optional<String> controllerKind(KubeObject object) {
        JsonNode refs = object.at("metadata", "ownerReferences");
        if (refs == null || !refs.isArray()) {
            return Optional.empty();
        }
        for (JsonNode ref : refs) {
            if (isTrue(ref.get("controller"))) {
                JsonNode kind = ref.get("kind");
                return Optional.ofNullable(kind != null && kind.isValueNode() && !kind.isNull() ? kind.asText() : null);
            }
        }
        return Optional.empty();
    }

    /** True when a workload whose template Vigil evaluates controls this object, so it is not a top controller. */
    public static boolean isControlledByWorkload(KubeObject object) {
        return controllerKind(object).filter(Kinds.WORKLOADS::contains).isPresent();
    }

    private static boolean isTrue(JsonNode node) {
        return node != null && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asText()));
    }
}
