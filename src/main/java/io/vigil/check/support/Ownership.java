package io.vigil.check.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.Optional;

/** Workload identity (DESIGN §2): which controller, if any, owns an object. */
public final class Ownership {
    private Ownership() {}

    /** The kind of the controller ownerReference ({@code controller: true}), if any. */
    public static Optional<String> controllerKind(KubeObject object) {
        for (JsonNode ref : Json.elements(object.at("metadata", "ownerReferences"))) {
            if (Json.isTrue(ref.get("controller"))) {
                return Optional.ofNullable(Json.text(ref, "kind"));
            }
        }
        return Optional.empty();
    }

    /** True when a workload whose template Vigil evaluates controls this object, so it is not a top controller. */
    public static boolean isControlledByWorkload(KubeObject object) {
        return controllerKind(object).filter(Kinds.WORKLOADS::contains).isPresent();
    }
}
