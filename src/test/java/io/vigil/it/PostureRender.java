package io.vigil.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.monitoring.MonitoringSources;
import io.vigil.testing.DebianTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Draws the posture dashboard's panels from real query results into a PNG with headless Chromium. No Grafana
 * can run here, so this draws stats, bars, tables and lines itself; the picture says so.
 */
final class PostureRender {
    private PostureRender() {}

    static void render(AlertingEndToEndIT.Prometheus prometheus, Path png) throws Exception {
        Path dashboard = MonitoringSources.DASHBOARDS.resolve("vigil-posture.json");
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><style>
                body{background:#111217;color:#ccccdc;font:13px sans-serif;margin:16px;width:1368px}
                h1{font-size:18px;margin:0 0 4px} .note{color:#8e8e9e;margin-bottom:12px}
                .grid{display:grid;grid-template-columns:repeat(24,1fr);grid-auto-rows:30px;gap:8px}
                .p{background:#181b1f;border:1px solid #2c3235;border-radius:3px;padding:6px 8px;overflow:hidden}
                .t{font-weight:600;margin-bottom:4px} .big{font-size:34px;color:#73bf69;text-align:center;margin-top:6px}
                .red{color:#f2495c} .bar{background:#ff9830;height:14px;margin:2px 0} .lbl{font-size:11px}
                table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #2c3235;padding:2px 4px;text-align:left;font-size:11px}
                </style></head><body>
                <h1>Vigil / Posture — cluster e2e</h1>
                <div class="note">Drawn from real Prometheus query results of the posture dashboard's panels by
                AlertingEndToEndIT (not Grafana, which cannot run here).</div><div class="grid">
                """);
        for (JsonNode panel : MonitoringSources.read(dashboard).path("panels")) {
            JsonNode pos = panel.path("gridPos");
            html.append(String.format(
                    Locale.ROOT,
                    "<div class=\"p\" style=\"grid-column:%d / span %d;grid-row:%d / span %d\"><div class=\"t\">%s</div>",
                    pos.path("x").asInt() + 1,
                    pos.path("w").asInt(),
                    pos.path("y").asInt() + 1,
                    pos.path("h").asInt(),
                    escape(panel.path("title").asText())));
            JsonNode target = panel.path("targets").get(0);
            String expr = Dashboards.substitute(target.path("expr").asText());
            String legend = target.path("legendFormat").asText("");
            switch (panel.path("type").asText()) {
                case "stat" -> stat(html, prometheus.series(expr), legend, panel);
                case "bargauge" -> bars(html, prometheus.series(expr), legend);
                case "table" -> table(html, prometheus.series(expr));
                default -> lines(html, prometheus.range(expr, Duration.ofSeconds(90)), legend);
            }
            html.append("</div>");
        }
        html.append("</div></body></html>");
        Path page = Files.createTempFile("posture", ".html");
        Files.writeString(page, html);
        screenshot(page, png);
    }

    private static String label(JsonNode series, String legend) {
        String out = legend;
        var fields = series.path("metric").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            out = out.replace("{{" + f.getKey() + "}}", f.getValue().asText());
        }
        return out.isEmpty() ? "value" : out;
    }

    private static void stat(StringBuilder html, JsonNode result, String legend, JsonNode panel) {
        String unit = panel.at("/fieldConfig/defaults/unit").asText();
        String text;
        if (result.isEmpty()) {
            text = panel.at("/fieldConfig/defaults/noValue").asText("-");
        } else if ("name".equals(panel.at("/options/textMode").asText())) {
            text = label(result.get(0), legend);
            text = text.length() > 12 ? text.substring(0, 12) + "…" : text;
        } else {
            double v = result.get(0).at("/value/1").asDouble();
            text = "s".equals(unit) ? Math.round(v) + " s" : String.valueOf(Math.round(v));
        }
        boolean alarm = panel.at("/fieldConfig/defaults/thresholds/steps").size() > 1 && !text.equals("0");
        boolean name = "name".equals(panel.at("/options/textMode").asText());
        html.append("<div class=\"big")
                .append(alarm ? " red" : "")
                .append(name ? "\" style=\"font-size:20px\">" : "\">")
                .append(escape(text))
                .append("</div>");
    }

    private static void bars(StringBuilder html, JsonNode result, String legend) {
        double max = 1;
        for (JsonNode s : result) {
            max = Math.max(max, s.at("/value/1").asDouble());
        }
        for (JsonNode s : result) {
            double v = s.at("/value/1").asDouble();
            html.append(String.format(
                    Locale.ROOT,
                    "<div class=\"lbl\">%s: %.0f</div><div class=\"bar\" style=\"width:%.0f%%\"></div>",
                    escape(label(s, legend)),
                    v,
                    100 * v / max));
        }
    }

    private static void table(StringBuilder html, JsonNode result) {
        html.append("<table>");
        List<String> columns = new ArrayList<>();
        if (!result.isEmpty()) {
            result.get(0).path("metric").fieldNames().forEachRemaining(columns::add);
            html.append("<tr>");
            columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
            html.append("<th>value</th></tr>");
        }
        for (JsonNode s : result) {
            html.append("<tr>");
            columns.forEach(c -> html.append("<td>")
                    .append(escape(s.path("metric").path(c).asText()))
                    .append("</td>"));
            html.append("<td>").append(s.at("/value/1").asText()).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static final String[] COLOURS = {"#73bf69", "#f2cc0c", "#5794f2", "#ff9830", "#f2495c", "#b877d9"};

    private static void lines(StringBuilder html, JsonNode result, String legend) {
        double max = 1;
        double t0 = Double.MAX_VALUE;
        double t1 = 0;
        for (JsonNode s : result) {
            for (JsonNode v : s.path("values")) {
                max = Math.max(max, v.get(1).asDouble());
                t0 = Math.min(t0, v.get(0).asDouble());
                t1 = Math.max(t1, v.get(0).asDouble());
            }
        }
        html.append("<svg width=\"100%\" height=\"170\" viewBox=\"0 0 600 170\" preserveAspectRatio=\"none\">");
        html.append(String.format(
                Locale.ROOT, "<text x=\"2\" y=\"12\" fill=\"#8e8e9e\" font-size=\"10\">%.0f</text>", max));
        int i = 0;
        StringBuilder keys = new StringBuilder();
        for (JsonNode s : result) {
            String colour = COLOURS[i++ % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (JsonNode v : s.path("values")) {
                double x = t1 > t0 ? 30 + 560 * (v.get(0).asDouble() - t0) / (t1 - t0) : 30;
                double y = 160 - 140 * v.get(1).asDouble() / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                // a dot per sample: a series a few seconds old is a single point, still worth seeing
                html.append(String.format(
                        Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x, y, colour));
            }
            html.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(colour)
                    .append("\" points=\"")
                    .append(points)
                    .append("\"/>");
            keys.append("<span style=\"color:")
                    .append(colour)
                    .append("\">■ ")
                    .append(escape(label(s, legend)))
                    .append("</span> ");
        }
        html.append("</svg><div class=\"lbl\">").append(keys).append("</div>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void screenshot(Path page, Path png) throws Exception {
        Path chromium = DebianTool.require("chromium", "chromium");
        Path profile = Files.createTempDirectory("chromium-profile");
        Files.createDirectories(png.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--hide-scrollbars",
                        "--window-size=1400,1420",
                        "--screenshot=" + png.toAbsolutePath(),
                        page.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(png)) {
                throw new AssertionError(
                        "chromium did not draw " + png + ": " + Files.readString(profile.resolve("chromium.log")));
            }
        } finally {
            p.destroyForcibly();
        }
        System.out.println("posture dashboard drawn into " + png);
    }
}
