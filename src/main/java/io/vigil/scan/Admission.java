package io.vigil.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.model.Unreadable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The API server's required-field rules that a manifest can break without looking broken: a workload
 * without a pod template, a pod (or template) without containers, a container without an image. The
 * server rejects such objects on create (core validation: {@code validateContainers} requires a non-empty
 * list, {@code validateContainerCommon} an image for regular and init containers of pods and of every
 * workload's template), so a scan that judged them silently would pass something that can never run. The
 * problems are input errors; the object itself is still audited.
 */
final class Admission {
    /** Where each workload kind keeps its pod template, by API group and kind. */
    private static final Map<String, String> TEMPLATES = Map.ofEntries(
            Map.entry("apps/Deployment", "/spec/template"),
            Map.entry("apps/StatefulSet", "/spec/template"),
            Map.entry("apps/DaemonSet", "/spec/template"),
            Map.entry("apps/ReplicaSet", "/spec/template"),
            Map.entry("extensions/Deployment", "/spec/template"),
            Map.entry("extensions/DaemonSet", "/spec/template"),
            Map.entry("extensions/ReplicaSet", "/spec/template"),
            Map.entry("batch/Job", "/spec/template"),
            Map.entry("batch/CronJob", "/spec/jobTemplate/spec/template"),
            Map.entry("/ReplicationController", "/spec/template"),
            Map.entry("/PodTemplate", "/template"));

    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers");

    private Admission() {}

    /** A rule the object breaks: the JSON pointer (inside the object) where it is, and the reason. */
    record Violation(String pointer, String reason) {}

    /** The object's violations, in document order; empty for kinds without pod specs. */
    static List<Violation> check(String apiVersion, String kind, JsonNode object) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        List<Violation> out = new ArrayList<>();
        if (group.isEmpty() && kind.equals("Pod")) {
            podSpec(object, "/spec", out);
            unreadable(object, out);
            return out;
        }
        String template = TEMPLATES.get(group + "/" + kind);
        if (template == null) {
            return out;
        }
        if (present(object.at(template))) {
            podSpec(object, template + "/spec", out);
        } else {
            out.add(new Violation(deepestPresent(object, template), dotted(template) + ": Required value"));
        }
        unreadable(object, out);
        return out;
    }

    /**
     * Fields not of their type (the server cannot decode them), except container lists that are not lists, which
     * {@link #podSpec} already names.
     */
    private static void unreadable(JsonNode object, List<Violation> out) {
        for (Unreadable.Located u : Unreadable.find(object, "")) {
            String last = u.pointer().substring(u.pointer().lastIndexOf('/') + 1);
            if (!(CONTAINER_LISTS.contains(last) || last.equals("ephemeralContainers"))) {
                out.add(new Violation(u.pointer(), u.dotted() + ": " + u.field().problem()));
            }
        }
    }

    private static void podSpec(JsonNode object, String spec, List<Violation> out) {
        for (String list : CONTAINER_LISTS) {
            String pointer = spec + "/" + list;
            JsonNode containers = object.at(pointer);
            if (!present(containers) || containers.isArray() && containers.isEmpty()) {
                if (list.equals("containers")) {
                    out.add(new Violation(deepestPresent(object, pointer), dotted(pointer) + ": Required value"));
                }
            } else if (!containers.isArray()) {
                out.add(new Violation(pointer, dotted(pointer) + ": must be a list of containers"));
            } else {
                for (int i = 0; i < containers.size(); i++) {
                    image(containers.get(i), pointer + "/" + i, out);
                }
            }
        }
    }

    private static void image(JsonNode container, String at, List<Violation> out) {
        JsonNode image = container.path("image");
        String field = dotted(at + "/image");
        if (!present(image) || image.isTextual() && image.asText().isEmpty()) {
            out.add(new Violation(at, field + ": Required value" + named(container)));
        } else if (!image.isTextual()) {
            out.add(new Violation(at + "/image", field + ": must be a string" + named(container)));
        }
    }

    private static String named(JsonNode container) {
        JsonNode name = container.path("name");
        return name.isTextual() ? " (container \"" + name.asText() + "\")" : "";
    }

    private static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    /** The longest prefix of {@code pointer} that exists, so the error points at the nearest line. */
    private static String deepestPresent(JsonNode object, String pointer) {
        String at = pointer;
        while (!at.isEmpty() && !present(object.at(at))) {
            at = at.substring(0, at.lastIndexOf('/'));
        }
        return at;
    }

    /** {@code /spec/containers/0/image} as the API server names it: {@code spec.containers[0].image}. */
    static String dotted(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String step : pointer.substring(1).split("/")) {
            if (step.matches("\\d+")) {
                out.append('[').append(step).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(step);
            }
        }
        return out.toString();
    }
}
