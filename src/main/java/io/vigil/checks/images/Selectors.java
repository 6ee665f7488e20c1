package io.vigil.checks.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.support.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Kubernetes label selectors and Kyverno-style name wildcards, evaluated defensively. */
final class Selectors {
    private Selectors() {}

    /**
     * Whether a LabelSelector ({@code matchLabels}, {@code matchExpressions}) selects these labels. An empty
     * selector selects everything; a malformed expression selects nothing.
     */
    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        JsonNode matchLabels = selector.path("matchLabels");
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String want = Json.text(e.getValue());
            if (want == null || !want.equals(Json.text(labels.path(e.getKey())))) {
                return false;
            }
        }
        for (JsonNode expr : Json.elements(selector.path("matchExpressions"))) {
            if (!expressionMatches(expr, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean expressionMatches(JsonNode expr, JsonNode labels) {
        String key = Json.text(expr, "key");
        String op = Json.text(expr, "operator");
        if (key == null || op == null) {
            return false;
        }
        String value = Json.text(labels.path(key));
        List<String> values = Json.texts(expr.path("values"));
        switch (op) {
            case "In":
                return value != null && values.contains(value);
            case "NotIn":
                return value == null || !values.contains(value);
            case "Exists":
                return value != null;
            case "DoesNotExist":
                return value == null;
            default:
                return false;
        }
    }

    /** A name against a pattern with {@code *} (any run) and {@code ?} (one character) wildcards. */
    static boolean wildcard(String pattern, String name) {
        if (pattern == null || name == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '*') {
                regex.append(".*");
            } else if (ch == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.matches(regex.toString(), name);
    }
}
