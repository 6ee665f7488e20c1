package io.vigil.monitoring;

import java.util.ArrayList;
import java.util.List;

/** PromQL split into identifiers, punctuation and operators; strings, numbers and range brackets dropped. */
final class PromQlTokens {
    private PromQlTokens() {}

    static List<String> of(String expr) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(expr, i);
            } else if (c == '[') {
                // a range or subquery: durations and Grafana's $__rate_interval, never names
                int close = expr.indexOf(']', i);
                i = close < 0 ? expr.length() : close + 1;
            } else if (c == '#') {
                int eol = expr.indexOf('\n', i);
                i = eol < 0 ? expr.length() : eol;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < expr.length() && isNameChar(expr.charAt(i))) {
                    i++;
                }
                tokens.add(expr.substring(start, i));
            } else if (Character.isDigit(c) || c == '.') {
                // numbers and durations (7, 0.99, 1h, 1e3)
                while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++;
                }
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    static boolean isIdentifier(String token) {
        char c = token.charAt(0);
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private static int endOfString(String expr, int start) {
        char quote = expr.charAt(start);
        int i = start + 1;
        while (i < expr.length() && expr.charAt(i) != quote) {
            i += expr.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }
}
