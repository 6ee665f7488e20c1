package io.vigil.check.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Null-safe reads over Jackson trees: odd or missing fields are a normal case for checks. */
public final class Json {
    private Json() {}

    /** The scalar text of a node, or null when missing, null or not a scalar. */
    public static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    public static String text(JsonNode node, String field) {
        return node == null ? null : text(node.get(field));
    }

    public static boolean isTrue(JsonNode node) {
        return node != null && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(text(node)));
    }

    public static boolean isFalse(JsonNode node) {
        return node != null && (node.isBoolean() ? !node.booleanValue() : "false".equalsIgnoreCase(text(node)));
    }

    public static boolean isSet(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    /** Elements of an array node; empty for anything else. */
    public static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    /** Scalar texts of an array node, skipping non-scalars. */
    public static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : elements(node)) {
            String t = text(e);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Renders a value for the observed/expected fields of a finding. */
    public static String render(JsonNode node) {
        if (!isSet(node)) {
            return "unset";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
