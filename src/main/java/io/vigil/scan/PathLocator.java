package io.vigil.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the source line of a finding's element path ({@code spec.containers[name=api].ports[0].hostPort})
 * inside a scanned object: the deepest part of the path that exists decides the line.
 */
public final class PathLocator {
    private PathLocator() {}

    public static int line(ScannedObject scanned, String path) {
        String pointer = scanned.pointer();
        int best =
                scanned.lines().getOrDefault(pointer, scanned.object().source().line());
        JsonNode node = scanned.object().body();
        for (String segment : segments(path)) {
            int bracket = segment.indexOf('[');
            String field = bracket < 0 ? segment : segment.substring(0, bracket);
            if (!field.isEmpty()) {
                node = node.path(field);
                pointer = pointer + "/" + escape(field);
                if (node.isMissingNode()) {
                    return best;
                }
                best = scanned.lines().getOrDefault(pointer, best);
            }
            if (bracket >= 0) {
                String selector = segment.substring(bracket + 1, segment.length() - 1);
                String step = select(node, selector);
                if (step == null) {
                    return best;
                }
                node = node.isArray() ? node.path(Integer.parseInt(step)) : node.path(step);
                pointer = pointer + "/" + escape(step);
                best = scanned.lines().getOrDefault(pointer, best);
            }
        }
        return best;
    }

    /** The pointer step (array index or object key) a selector names, or null when it names nothing. */
    private static String select(JsonNode node, String selector) {
        if (node.isObject()) {
            return node.has(selector) ? selector : null;
        }
        if (!node.isArray()) {
            return null;
        }
        if (selector.matches("\\d+")) {
            return Integer.parseInt(selector) < node.size() ? selector : null;
        }
        int eq = selector.indexOf('=');
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            boolean match = eq > 0
                    ? selector.substring(eq + 1)
                            .equals(e.path(selector.substring(0, eq)).asText(null))
                    : e.isValueNode() && selector.equals(e.asText());
            if (match) {
                return Integer.toString(i);
            }
        }
        return null;
    }

    /** Splits on dots outside brackets: {@code a.b[x.y].c} -> {@code a}, {@code b[x.y]}, {@code c}. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char ch : path.toCharArray()) {
            if (ch == '[') {
                depth++;
            } else if (ch == ']') {
                depth--;
            }
            if (ch == '.' && depth == 0) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }
}
