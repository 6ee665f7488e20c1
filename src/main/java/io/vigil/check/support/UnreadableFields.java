package io.vigil.check.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.Violation;
import io.vigil.model.KubeObject;
import io.vigil.model.Unreadable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How every pod-spec check reports a field it cannot read ({@link Unreadable}), without code of its own: the
 * check is judged again with each readable value the field could have had ({@code FieldType.probes()}); when its
 * findings differ, its verdict depends on the field, so it reports the field with observed
 * {@code <unreadable: path: problem>} (expected value, severity and controls from the finding a probe gave)
 * instead of passing as if the field were unset. A check whose findings do not depend on the field says nothing.
 */
final class UnreadableFields {
    /** One marker in the pod spec: the finding path naming it, its JSON pointer from the object root. */
    private record Field(String path, String pointer, Unreadable marker) {}

    private UnreadableFields() {}

    /** The check's violations on {@code pod}: {@code plain} with every unreadable field it reads reported first. */
    static List<Violation> report(
            PodSpecView pod, List<Violation> plain, Function<PodSpecView, List<Violation>> judge) {
        Findings out = new Findings();
        for (Field f : fields(pod)) {
            Set<Violation> differing = new LinkedHashSet<>();
            for (JsonNode probe : f.marker().type().probes()) {
                List<Violation> probed = PodSpecView.of(with(pod.owner(), f.pointer(), probe))
                        .map(judge)
                        .orElse(List.of());
                probed.stream().filter(v -> !plain.contains(v)).forEach(differing::add);
                plain.stream().filter(v -> !probed.contains(v)).forEach(differing::add);
            }
            if (!differing.isEmpty()) {
                out.add(unreadable(f, closest(differing, f.path())));
            }
        }
        plain.forEach(out::add);
        return out.list();
    }

    private static Violation unreadable(Field f, Violation like) {
        return new Violation(
                f.path(),
                f.marker().observed(f.path()),
                like.expected(),
                "cannot judge " + f.path() + ": " + f.marker().problem(),
                like.severity(),
                like.extraControls());
    }

    /** The violation on the field itself, else one below it, else the first. */
    private static Violation closest(Set<Violation> violations, String path) {
        Violation below = null;
        for (Violation v : violations) {
            if (v.path().equals(path)) {
                return v;
            }
            if (below == null && (v.path().startsWith(path + ".") || v.path().startsWith(path + "["))) {
                below = v;
            }
        }
        return below != null ? below : violations.iterator().next();
    }

    /** A copy of the object with the value at {@code pointer} replaced. */
    private static KubeObject with(KubeObject owner, String pointer, JsonNode value) {
        ObjectNode body = owner.body().deepCopy();
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = body.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
        return new KubeObject(owner.ref(), body, owner.source());
    }

    /** The markers under the pod spec, named as the checks name paths (containers by name). */
    private static List<Field> fields(PodSpecView pod) {
        List<Field> out = new ArrayList<>();
        String pointer = "/" + pod.specPath().replace('.', '/');
        if (pod.spec() instanceof Unreadable u) {
            out.add(new Field(pod.specPath(), pointer, u));
        }
        for (Map.Entry<String, JsonNode> e : pod.spec().properties()) {
            String f = e.getKey();
            walk(e.getValue(), pod.path(f), pointer + "/" + f, PodSpecView.CONTAINER_FIELDS.contains(f), out);
        }
        return out;
    }

    private static void walk(JsonNode node, String path, String pointer, boolean containerList, List<Field> out) {
        if (node instanceof Unreadable u) {
            out.add(new Field(path, pointer, u));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), path + "." + e.getKey(), pointer + "/" + e.getKey(), false, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String name = containerList ? Json.text(node.get(i), "name") : null;
                String element = name == null ? "[" + i + "]" : "[name=" + name + "]";
                walk(node.get(i), path + element, pointer + "/" + i, false, out);
            }
        }
    }
}
