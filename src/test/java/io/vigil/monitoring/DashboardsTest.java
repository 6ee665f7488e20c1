package io.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.vigil.testing.SharedData;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The Grafana dashboards: importable as is (schemas of ../shared/schemas/grafana), stable, per cluster. */
class DashboardsTest {
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "table", "bargauge");
    private static final List<String> EXPECTED =
            List.of("vigil-compliance.json", "vigil-exceptions.json", "vigil-pipeline.json", "vigil-posture.json");

    private static JsonSchema schema(String file, String definition) {
        Path dir = SharedData.require("schemas/grafana");
        JsonNode root = MonitoringSources.read(dir.resolve(file));
        ObjectNode wrapper = root.deepCopy();
        if (definition != null) {
            wrapper.put("$ref", "#/definitions/" + definition);
        }
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(wrapper);
    }

    @Test
    void theFourDashboardsExistWithStableUniqueUids() {
        assertThat(MonitoringSources.dashboards())
                .extracting(p -> p.getFileName().toString())
                .containsExactlyElementsOf(EXPECTED);
        Set<String> uids = new HashSet<>();
        for (Path d : MonitoringSources.dashboards()) {
            String uid = MonitoringSources.read(d).path("uid").asText();
            assertThat(uid)
                    .as(d.toString())
                    .isEqualTo(d.getFileName().toString().replace(".json", ""));
            assertThat(uids.add(uid)).isTrue();
            assertThat(MonitoringSources.read(d).has("id"))
                    .as("no instance id in a shipped dashboard")
                    .isFalse();
        }
    }

    @Test
    void everyDashboardAndPanelValidatesAgainstTheGrafanaSchemas() {
        JsonSchema dashboard = schema("dashboard.jsonschema.json", null);
        JsonSchema query = schema("prometheus.jsonschema.json", null);
        for (Path d : MonitoringSources.dashboards()) {
            JsonNode json = MonitoringSources.read(d);
            assertThat(dashboard.validate(json)).as(d.toString()).isEmpty();
            for (JsonNode panel : json.path("panels")) {
                String where = d + " panel " + panel.path("title").asText();
                String type = panel.path("type").asText();
                assertThat(type).as(where).isIn(PANEL_TYPES);
                assertThat(schema(type + ".jsonschema.json", "Options").validate(panel.path("options")))
                        .as(where + " options")
                        .isEmpty();
                JsonNode custom = panel.at("/fieldConfig/defaults/custom");
                if (!custom.isMissingNode()) {
                    assertThat(schema(type + ".jsonschema.json", "FieldConfig").validate(custom))
                            .as(where + " fieldConfig.defaults.custom")
                            .isEmpty();
                }
                assertThat(panel.path("targets")).as(where).isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(query.validate(target)).as(where + " target").isEmpty();
                }
            }
        }
        JsonNode broken =
                MonitoringSources.read(MonitoringSources.dashboards().get(0)).deepCopy();
        ((ObjectNode) broken).put("refresh", 30);
        ((ObjectNode) broken).put("panelz", "x");
        assertThat(dashboard.validate(broken)).as("the schema really validates").isNotEmpty();
    }

    @Test
    void everyDashboardHasADatasourceAndAClusterVariableAndEveryQueryUsesThem() {
        for (Path d : MonitoringSources.dashboards()) {
            JsonNode json = MonitoringSources.read(d);
            List<JsonNode> variables = StreamSupport.stream(
                            json.path("templating").path("list").spliterator(), false)
                    .toList();
            assertThat(variables)
                    .as(d.toString())
                    .anySatisfy(v -> {
                        assertThat(v.path("name").asText()).isEqualTo("datasource");
                        assertThat(v.path("type").asText()).isEqualTo("datasource");
                        assertThat(v.path("query").asText()).isEqualTo("prometheus");
                    })
                    .anySatisfy(v -> {
                        assertThat(v.path("name").asText()).isEqualTo("cluster");
                        assertThat(v.path("type").asText()).isEqualTo("query");
                        assertThat(v.path("query").asText()).isEqualTo("label_values(vigil_build_info, cluster)");
                        assertThat(v.at("/datasource/uid").asText()).isEqualTo("${datasource}");
                    });
            for (JsonNode panel : json.path("panels")) {
                assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    String where = d + " panel " + panel.path("title").asText() + ": " + expr;
                    assertThat(target.at("/datasource/uid").asText()).as(where).isEqualTo("${datasource}");
                    assertThat(expr).as(where).contains("cluster=\"$cluster\"");
                    assertThat(expr.contains("max by (") || expr.contains("vigil:") || expr.contains("count(up{"))
                            .as(where + ": replicas are aggregated with max by, or by a recording rule that does")
                            .isTrue();
                }
            }
        }
    }
}
