package io.vigil.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shipped alert rules and dashboards, and every PromQL expression in them. */
public final class MonitoringSources {
    public static final Path RULES = Path.of("alerts/vigil.rules.yaml");
    public static final Path RULE_TESTS = Path.of("alerts/vigil.rules.test.yaml");
    public static final Path ALERTMANAGER = Path.of("alerts/alertmanager.yaml");
    public static final Path DASHBOARDS = Path.of("dashboards");
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final ObjectMapper JSON = new ObjectMapper();

    /** One expression and where it is: {@code alerts/vigil.rules.yaml: alert VigilDown}. */
    public record Expression(Path file, String where, String expr) {
        @Override
        public String toString() {
            return file + ": " + where + ": " + expr.strip();
        }
    }

    /** A dashboard panel's query: its panel, its target and whether the panel draws over time. */
    public record PanelQuery(Path file, String panel, String refId, String expr, boolean range) {}

    private MonitoringSources() {}

    public static JsonNode read(Path file) {
        try {
            String text = Files.readString(file);
            return file.toString().endsWith(".json") ? JSON.readTree(text) : YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(p -> p.getFileName().toString().matches("vigil-.*\\.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule of the rules file: record or alert name with its expression. */
    public static List<Expression> ruleExpressions(Path rules) {
        List<Expression> out = new ArrayList<>();
        for (JsonNode group : read(rules).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String where = rule.has("alert")
                        ? "alert " + rule.path("alert").asText()
                        : "record " + rule.path("record").asText();
                out.add(new Expression(rules, where, rule.path("expr").asText()));
            }
        }
        return out;
    }

    public static List<String> recordingRules(Path rules) {
        List<String> out = new ArrayList<>();
        for (JsonNode group : read(rules).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    out.add(rule.path("record").asText());
                }
            }
        }
        return out;
    }

    public static List<PanelQuery> panelQueries(Path dashboard) {
        List<PanelQuery> out = new ArrayList<>();
        for (JsonNode panel : read(dashboard).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(new PanelQuery(
                        dashboard,
                        panel.path("title").asText(),
                        target.path("refId").asText(),
                        target.path("expr").asText(),
                        !target.path("instant").asBoolean(false)));
            }
        }
        return out;
    }

    /** Panel queries and the variables' queries of a dashboard. */
    public static List<Expression> dashboardExpressions(Path dashboard) {
        List<Expression> out = new ArrayList<>();
        for (PanelQuery q : panelQueries(dashboard)) {
            out.add(new Expression(dashboard, "panel \"" + q.panel() + "\" " + q.refId(), q.expr()));
        }
        for (JsonNode variable : read(dashboard).path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                out.add(new Expression(
                        dashboard,
                        "variable " + variable.path("name").asText(),
                        variable.path("query").asText()));
            }
        }
        return out;
    }

    public static List<Expression> all() {
        List<Expression> out = new ArrayList<>(ruleExpressions(RULES));
        dashboards().forEach(d -> out.addAll(dashboardExpressions(d)));
        return out;
    }
}
