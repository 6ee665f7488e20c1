package io.vigil.monitoring;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metric and label names a PromQL expression refers to: enough of PromQL's lexical grammar to check
 * expressions against the catalogue (selectors, matchers, {@code by}/{@code without}/{@code on}/{@code
 * ignoring}/{@code group_left}/{@code group_right} lists), without evaluating anything. Grafana's
 * {@code label_values(selector, label)} variable queries are read the same way.
 */
public record PromQlNames(Set<String> metrics, Map<String, Set<String>> matcherLabels, Set<String> labels) {
    private static final Set<String> KEYWORDS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "and",
            "or",
            "unless",
            "inf",
            "nan",
            "atan2",
            "label_values");
    private static final Set<String> LABEL_LISTS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    public static PromQlNames of(String expr) {
        Set<String> metrics = new LinkedHashSet<>();
        Map<String, Set<String>> matcherLabels = new LinkedHashMap<>();
        Set<String> labels = new LinkedHashSet<>();
        List<String> tokens = PromQlTokens.of(expr);
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (t.equals("{")) {
                // a selector without a metric name ({__name__="x"}): not used by Vigil's files
                i = matchers(tokens, i + 1, labels);
            } else if (LABEL_LISTS.contains(t) && next.equals("(")) {
                i = labelList(tokens, i + 2, labels);
            } else if (t.equals("label_values") && next.equals("(")) {
                i = labelValues(tokens, i + 2, metrics, matcherLabels, labels);
            } else if (PromQlTokens.isIdentifier(t) && !KEYWORDS.contains(t) && !next.equals("(")) {
                metrics.add(t);
                if (next.equals("{")) {
                    i = matchers(tokens, i + 2, matcherLabels.computeIfAbsent(t, k -> new LinkedHashSet<>()));
                }
            }
        }
        return new PromQlNames(metrics, matcherLabels, labels);
    }

    /** {@code {a="x", b=~"y"}}: the names before each matcher; returns the index of the closing brace. */
    private static int matchers(List<String> tokens, int i, Set<String> labels) {
        boolean expectName = true;
        for (; i < tokens.size() && !tokens.get(i).equals("}"); i++) {
            String t = tokens.get(i);
            if (expectName && PromQlTokens.isIdentifier(t)) {
                labels.add(t);
                expectName = false;
            } else if (t.equals(",")) {
                expectName = true;
            }
        }
        return i;
    }

    private static int labelList(List<String> tokens, int i, Set<String> labels) {
        for (; i < tokens.size() && !tokens.get(i).equals(")"); i++) {
            if (PromQlTokens.isIdentifier(tokens.get(i))) {
                labels.add(tokens.get(i));
            }
        }
        return i;
    }

    /** {@code label_values(metric{...}, label)} or {@code label_values(label)}. */
    private static int labelValues(
            List<String> tokens,
            int i,
            Set<String> metrics,
            Map<String, Set<String>> matcherLabels,
            Set<String> labels) {
        String last = null;
        for (; i < tokens.size() && !tokens.get(i).equals(")"); i++) {
            String t = tokens.get(i);
            if (t.equals("{")) {
                Set<String> selector = new LinkedHashSet<>();
                i = matchers(tokens, i + 1, selector);
                if (last != null) {
                    matcherLabels
                            .computeIfAbsent(last, k -> new LinkedHashSet<>())
                            .addAll(selector);
                }
            } else if (PromQlTokens.isIdentifier(t)) {
                if (last != null) {
                    metrics.add(last);
                }
                last = t;
            }
        }
        if (last != null) {
            labels.add(last);
        }
        return i;
    }
}
