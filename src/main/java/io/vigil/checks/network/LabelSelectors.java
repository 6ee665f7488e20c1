package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.support.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes label selectors ({@code matchLabels} AND {@code matchExpressions}) over a label map. A
 * selector the API server would reject (an unknown operator, a non-object) matches nothing, so a broken
 * policy never counts as protection.
 */
final class LabelSelectors {
    private LabelSelectors() {}

    /** The scalar labels of a {@code labels} object; empty for anything else. */
    static Map<String, String> labels(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        if (node != null && node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                String value = Json.text(e.getValue());
                if (value != null) {
                    out.put(e.getKey(), value);
                }
            }
        }
        return out;
    }

    /** True for an empty selector ({@code {}}, or only empty {@code matchLabels}/{@code matchExpressions}). */
    static boolean isEmpty(JsonNode selector) {
        return selector != null
                && selector.isObject()
                && isEmptyPart(selector.get("matchLabels"))
                && isEmptyPart(selector.get("matchExpressions"));
    }

    private static boolean isEmptyPart(JsonNode part) {
        return !Json.isSet(part) || (part.isContainerNode() && part.isEmpty());
    }

    /** Whether a present selector object selects these labels. */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        return matchesLabels(selector.get("matchLabels"), labels)
                && matchesExpressions(selector.get("matchExpressions"), labels);
    }

    private static boolean matchesLabels(JsonNode matchLabels, Map<String, String> labels) {
        if (!Json.isSet(matchLabels)) {
            return true;
        }
        if (!matchLabels.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = matchLabels.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String wanted = Json.text(e.getValue());
            if (wanted == null || !wanted.equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesExpressions(JsonNode expressions, Map<String, String> labels) {
        if (!Json.isSet(expressions)) {
            return true;
        }
        if (!expressions.isArray()) {
            return false;
        }
        for (JsonNode expression : expressions) {
            if (!matchesExpression(expression, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesExpression(JsonNode expression, Map<String, String> labels) {
        String key = Json.text(expression, "key");
        String operator = Json.text(expression, "operator");
        if (key == null || operator == null) {
            return false;
        }
        String value = labels.get(key);
        List<String> values = Json.texts(expression == null ? null : expression.get("values"));
        return switch (operator) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }
}
