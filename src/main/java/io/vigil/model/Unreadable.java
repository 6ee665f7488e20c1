package io.vigil.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A field whose value is not of the type Kubernetes gives it ({@code hostNetwork: "yes"}, {@code containers: {}},
 * an unknown enum value), as {@link FieldTypes} marks it. It stays in the tree where the value was, holding the
 * value as read (serialised unchanged, so nothing read is lost), and names the problem; a check whose verdict
 * depends on the field reports it as {@code <unreadable: path: problem>} instead of reading it as unset.
 */
public final class Unreadable extends POJONode {
    private final String problem;
    private final FieldType type;

    Unreadable(JsonNode value, String problem, FieldType type) {
        super(value);
        this.problem = problem;
        this.type = type;
    }

    /** The type the field has, whose {@link FieldType#probes() probes} stand in for the value. */
    public FieldType type() {
        return type;
    }

    /** The value as read. */
    public JsonNode value() {
        return (JsonNode) getPojo();
    }

    /** e.g. {@code expected boolean, got string "yes"}. */
    public String problem() {
        return problem;
    }

    /** The observed value of a finding on this field at {@code path}. */
    public String observed(String path) {
        return "<unreadable: " + path + ": " + problem + ">";
    }

    /** What a reader unaware of the marker shows when it renders the field. */
    @Override
    public String asText() {
        return "<unreadable: " + problem + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unreadable u
                && u.problem.equals(problem)
                && u.value().equals(value());
    }

    @Override
    public int hashCode() {
        return Objects.hash(problem, value());
    }

    /** Where a marker sits: a JSON pointer from the object root, and the marker. */
    public record Located(String pointer, Unreadable field) {
        /** The pointer as the API server names fields: {@code spec.containers[0].securityContext.runAsUser}. */
        public String dotted() {
            StringBuilder out = new StringBuilder();
            for (String step : pointer.substring(1).split("/")) {
                if (step.chars().allMatch(Character::isDigit) && !step.isEmpty()) {
                    out.append('[').append(step).append(']');
                } else {
                    out.append(out.isEmpty() ? "" : ".").append(step);
                }
            }
            return out.toString();
        }
    }

    /**
     * The root of an object holding at least one marker: checks look for markers only under such roots, so an
     * object without one costs a type test.
     */
    static final class MarkedRoot extends ObjectNode {
        MarkedRoot(Map<String, JsonNode> fields) {
            super(JsonNodeFactory.instance, fields);
        }
    }

    /** Whether the object whose body this is holds a marker anywhere. */
    public static boolean in(JsonNode body) {
        return body instanceof MarkedRoot;
    }

    /** The same object, flagged as holding markers (its fields are shared, not copied). */
    public static ObjectNode flag(ObjectNode body) {
        if (body instanceof MarkedRoot) {
            return body;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        body.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        return new MarkedRoot(java.util.Collections.unmodifiableMap(fields));
    }

    /** Every marker under {@code node}, in document order, with pointers that start with {@code pointer}. */
    public static List<Located> find(JsonNode node, String pointer) {
        List<Located> out = new ArrayList<>();
        find(node, pointer, out);
        return out;
    }

    private static void find(JsonNode node, String pointer, List<Located> out) {
        if (node instanceof Unreadable u) {
            out.add(new Located(pointer, u));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                find(e.getValue(), pointer + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                find(node.get(i), pointer + "/" + i, out);
            }
        }
    }
}
