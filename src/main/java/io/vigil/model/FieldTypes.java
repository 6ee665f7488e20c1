package io.vigil.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The types of the pod-spec fields checks judge: booleans, integers, enums, and the objects and lists they sit
 * in. The informers' decoder and the manifest reader both mark a value of another type as {@link Unreadable}.
 * The paths are kind-agnostic, as the decoder's prune rules are (LIST items carry no kind): only pod-spec kinds
 * have fields under these locations among the kinds Vigil reads.
 */
public final class FieldTypes {
    /** Where a pod spec sits in the kinds that have one. */
    public static final List<String> POD_SPECS =
            List.of("spec", "spec.template.spec", "spec.jobTemplate.spec.template.spec");

    private static final FieldType POD_SPEC = podSpec();

    private FieldTypes() {}

    /** The type of a pod spec. */
    public static FieldType podSpec() {
        FieldType spec = FieldType.object()
                .with("hostNetwork", FieldType.bool())
                .with("hostPID", FieldType.bool())
                .with("hostIPC", FieldType.bool())
                .with("hostUsers", FieldType.bool())
                .with("automountServiceAccountToken", FieldType.bool())
                .with("securityContext", securityContext(false))
                .with("volumes", FieldType.list());
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            spec.with(list, FieldType.listOf(container()));
        }
        return spec;
    }

    private static FieldType container() {
        return FieldType.object()
                .with("securityContext", securityContext(true))
                .with("ports", FieldType.listOf(FieldType.object().with("hostPort", FieldType.integer())))
                .with("env", FieldType.list())
                .with("envFrom", FieldType.list());
    }

    private static FieldType securityContext(boolean container) {
        FieldType context = FieldType.object()
                .with("runAsNonRoot", FieldType.bool())
                .with("runAsUser", FieldType.integer())
                .with("seccompProfile", FieldType.object().with("type", profileType()))
                .with("appArmorProfile", FieldType.object().with("type", profileType()))
                .with("windowsOptions", FieldType.object().with("hostProcess", FieldType.bool()));
        if (!container) {
            return context.with("sysctls", FieldType.list());
        }
        return context.with("privileged", FieldType.bool())
                .with("allowPrivilegeEscalation", FieldType.bool())
                .with("readOnlyRootFilesystem", FieldType.bool())
                .with("procMount", FieldType.oneOf("Default", "Unmasked"))
                .with(
                        "capabilities",
                        FieldType.object()
                                .with("add", FieldType.listOf(FieldType.text("SYS_ADMIN", "NET_BIND_SERVICE")))
                                .with("drop", FieldType.listOf(FieldType.text("ALL", "NET_RAW"))));
    }

    private static FieldType profileType() {
        return FieldType.oneOf("RuntimeDefault", "Localhost", "Unconfined");
    }

    /** Every typed path from an object's root ({@code *} is any list element), with its type. */
    public static Map<String, FieldType> paths() {
        Map<String, FieldType> out = new java.util.LinkedHashMap<>();
        for (String spec : POD_SPECS) {
            paths(spec, POD_SPEC, out);
        }
        return out;
    }

    private static void paths(String path, FieldType type, Map<String, FieldType> out) {
        out.put(path, type);
        type.fields().forEach((field, t) -> paths(path + "." + field, t, out));
        if (type.element() != null) {
            paths(path + ".*", type.element(), out);
        }
    }

    /**
     * Replaces, in place, every value of a typed field that is not of its type by a marker; returns whether it
     * marked any (then the caller flags the object with {@link Unreadable#flag} once it is complete).
     */
    public static boolean mark(ObjectNode object) {
        int marked = 0;
        for (String spec : POD_SPECS) {
            JsonNode parent = object;
            String[] steps = spec.split("\\.");
            for (int i = 0; i < steps.length - 1 && parent != null; i++) {
                parent = parent.get(steps[i]);
            }
            if (parent instanceof ObjectNode p && p.get(steps[steps.length - 1]) != null) {
                String field = steps[steps.length - 1];
                marked += mark(p.get(field), POD_SPEC, v -> p.set(field, v));
            }
        }
        return marked > 0;
    }

    /** Marks {@code value} through {@code replace} when it is not of its type, else what is below it. */
    private static int mark(JsonNode value, FieldType type, Consumer<JsonNode> replace) {
        JsonNode checked = type.check(value);
        if (checked != value) {
            replace.accept(checked);
            return 1;
        }
        return below(value, type);
    }

    private static int below(JsonNode value, FieldType type) {
        int marked = 0;
        if (value instanceof ObjectNode o) {
            for (Map.Entry<String, FieldType> f : type.fields().entrySet()) {
                if (o.get(f.getKey()) != null) {
                    marked += mark(o.get(f.getKey()), f.getValue(), v -> o.set(f.getKey(), v));
                }
            }
        } else if (value instanceof ArrayNode a && type.element() != null) {
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                marked += mark(a.get(i), type.element(), v -> a.set(index, v));
            }
        }
        return marked;
    }
}
