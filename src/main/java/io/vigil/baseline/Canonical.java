package io.vigil.baseline;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical forms: the same content always gives the same bytes, whatever the key order, the
 * serialisation (YAML or JSON) or, where asked, the order of set-like arrays.
 */
final class Canonical {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Canonical() {}

    /** Compact JSON with the keys of every object sorted; arrays keep their order. */
    static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, false);
        return out.toString();
    }

    /**
     * The form the baseline digest is computed over: keys sorted, null-valued keys dropped (they are not
     * written), every scalar as its text, so a string YAML writes without quotes ({@code 10}, {@code true})
     * hashes the same after it reads back as a number or boolean.
     */
    static String digestForm(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, true);
        return out.toString();
    }

    private static void write(JsonNode n, StringBuilder out, boolean scalarsAsText) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            out.append("null");
        } else if (n.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            n.fields().forEachRemaining(e -> {
                if (!(scalarsAsText && e.getValue().isNull())) {
                    sorted.put(e.getKey(), e.getValue());
                }
            });
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out, scalarsAsText);
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(n.get(i), out, scalarsAsText);
            }
            out.append(']');
        } else if (n.isTextual() || scalarsAsText) {
            quote(n.asText(), out);
        } else {
            out.append(n.toString());
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    /**
     * A copy with object keys sorted and, recursively, every array sorted by its elements' canonical JSON
     * with duplicates removed: for content whose arrays are sets (RBAC rules and their verbs, policy peers
     * and ports, selector values).
     */
    static JsonNode sortedSets(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return NODES.nullNode();
        }
        if (n.isObject()) {
            ObjectNode out = NODES.objectNode();
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            n.fields().forEachRemaining(e -> sorted.put(e.getKey(), sortedSets(e.getValue())));
            sorted.forEach(out::set);
            return out;
        }
        if (n.isArray()) {
            TreeMap<String, JsonNode> byText = new TreeMap<>();
            for (JsonNode element : n) {
                JsonNode c = sortedSets(element);
                byText.putIfAbsent(json(c), c);
            }
            ArrayNode out = NODES.arrayNode();
            byText.values().forEach(out::add);
            return out;
        }
        return n;
    }

    /** A copy with object keys sorted, recursively; arrays keep their order (ordered content: Dapr pipelines). */
    static JsonNode sortedKeys(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return NODES.nullNode();
        }
        if (n.isObject()) {
            ObjectNode out = NODES.objectNode();
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            n.fields().forEachRemaining(e -> sorted.put(e.getKey(), sortedKeys(e.getValue())));
            sorted.forEach(out::set);
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = NODES.arrayNode();
            n.forEach(e -> out.add(sortedKeys(e)));
            return out;
        }
        return n;
    }

    /** Null, missing, {@code []} and {@code {}} all mean "not set" for a fingerprinted field. */
    static boolean isEmpty(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || (n.isContainerNode() && n.isEmpty());
    }

    /** The fields of an object in their order (a helper for callers that iterate with the key). */
    static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The elements of an array (empty for anything else). */
    static List<JsonNode> elements(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(out::add);
        }
        return out;
    }
}
