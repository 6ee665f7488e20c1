package io.vigil.checks.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Calico's selector expressions ({@code all()}, {@code k == 'v'}, {@code k != 'v'}, {@code has(k)},
 * {@code k in {'a','b'}}, {@code k not in {...}}, {@code !}, {@code &&}, {@code ||}, parentheses) over a
 * label map. An empty selector is {@code all()}. A selector Calico would reject parses to nothing, so a
 * broken policy never counts as protection.
 */
final class CalicoSelector {
    private final String text;
    private int pos;

    private CalicoSelector(String text) {
        this.text = text;
    }

    /** The predicate of a selector; empty when it does not parse. */
    static Optional<Predicate<Map<String, String>>> parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return Optional.of(labels -> true);
        }
        CalicoSelector p = new CalicoSelector(selector);
        try {
            Predicate<Map<String, String>> expr = p.or();
            p.skipSpace();
            return p.pos == p.text.length() ? Optional.of(expr) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the selector matches every label map: blank or {@code all()}. */
    static boolean isAll(String selector) {
        return selector == null
                || selector.isBlank()
                || selector.replace(" ", "").equals("all()");
    }

    private Predicate<Map<String, String>> or() {
        Predicate<Map<String, String>> left = and();
        while (consume("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, String>> and() {
        Predicate<Map<String, String>> left = unary();
        while (consume("&&")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Map<String, String>> unary() {
        if (consume("!")) {
            return unary().negate();
        }
        if (consume("(")) {
            Predicate<Map<String, String>> inner = or();
            expect(")");
            return inner;
        }
        if (consume("all()") || consume("global()")) {
            return labels -> true;
        }
        if (consume("has(")) {
            String key = key();
            expect(")");
            return labels -> labels.containsKey(key);
        }
        String key = key();
        if (consume("==")) {
            String value = quoted();
            return labels -> value.equals(labels.get(key));
        }
        if (consume("!=")) {
            String value = quoted();
            return labels -> !value.equals(labels.get(key));
        }
        if (consume("not in")) {
            List<String> values = set();
            return labels -> !values.contains(labels.get(key));
        }
        if (consume("in")) {
            List<String> values = set();
            return labels -> values.contains(labels.get(key));
        }
        throw new IllegalArgumentException("operator expected at " + pos);
    }

    private List<String> set() {
        expect("{");
        List<String> values = new ArrayList<>();
        if (consume("}")) {
            return values;
        }
        do {
            values.add(quoted());
        } while (consume(","));
        expect("}");
        return values;
    }

    private String key() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && isKeyChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("label key expected at " + pos);
        }
        return text.substring(start, pos);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '/' || c == '-' || c == '_';
    }

    private String quoted() {
        skipSpace();
        if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
            throw new IllegalArgumentException("quoted value expected at " + pos);
        }
        char quote = text.charAt(pos++);
        int end = text.indexOf(quote, pos);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated value");
        }
        String value = text.substring(pos, end);
        pos = end + 1;
        return value;
    }

    private boolean consume(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!consume(token)) {
            throw new IllegalArgumentException("'" + token + "' expected at " + pos);
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
