package io.vigil.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.config.Version;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanReport;
import io.vigil.scan.Scanner;
import io.vigil.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SARIF output validates against the OASIS SARIF 2.1.0 schema and carries what code scanning needs. */
class SarifSchemaTest {
    @Test
    void sarifOfTheCheckFixturesValidatesAgainstTheSchema() throws Exception {
        Path schemaFile = SharedData.require("schemas/sarif-schema-2.1.0.json");
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(schemaFile)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        ManifestReader reader = new ManifestReader("default");
        reader.readPath("src/test/resources/checks", InputStream.nullInputStream());
        reader.readBytes("broken.yaml", "kind: [".getBytes());
        var catalog = BuiltInChecks.catalog();
        ScanReport report = new Scanner(catalog, AuditSettings.defaults()).scan(reader.result(), Instant.EPOCH);
        JsonNode sarif = Sarif.render(report, catalog, Version.get());

        Set<ValidationMessage> problems = schema.validate(sarif);
        assertThat(problems).isEmpty();
        JsonNode broken = sarif.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("version", "9.9");
        assertThat(schema.validate(broken)).as("the schema really validates").isNotEmpty();
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("results")).hasSize(report.findings().size()).isNotEmpty();
        JsonNode first = run.path("results").get(0);
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .startsWith("src/test/resources/checks/");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt())
                .isPositive();
        assertThat(run.at("/tool/driver/rules/0/properties/security-severity").asText())
                .matches("\\d+\\.\\d");
        // the fixtures hold input errors of their own (unreadable fields): the broken file is one notification of them
        List<String> notifications = new ArrayList<>();
        run.at("/invocations/0/toolExecutionNotifications")
                .forEach(n -> notifications.add(n.at("/message/text").asText()));
        assertThat(notifications)
                .hasSize(report.errors().size())
                .anyMatch(text -> text.startsWith("broken.yaml:1: invalid YAML"));
    }
}
