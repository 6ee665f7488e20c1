package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn package} writes a CycloneDX SBOM ({@code target/bom.json}, cyclonedx-maven-plugin) naming what
 * {@code vigil.jar} ships as required and the demo-only libraries as optional, and no test library.
 */
class SbomIT {
    @Test
    void thePackagedBuildDescribesItsComponents() throws IOException {
        JsonNode bom = new ObjectMapper().readTree(Path.of("target/bom.json").toFile());
        Map<String, String> scopes = new HashMap<>();
        bom.path("components").forEach(c -> {
            assertThat(c.path("purl").asText())
                    .startsWith("pkg:maven/" + c.path("group").asText() + "/");
            assertThat(c.path("hashes")).isNotEmpty();
            scopes.put(
                    c.path("group").asText() + ":" + c.path("name").asText(),
                    c.path("scope").asText());
        });

        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("metadata").path("component").path("purl").asText())
                .isEqualTo("pkg:maven/io.vigil/vigil@0.1.0-SNAPSHOT?type=jar");
        assertThat(scopes)
                .containsEntry("org.apache.kafka:kafka-clients", "required")
                .containsEntry("io.fabric8:kubernetes-client", "required")
                .containsEntry("io.vertx:vertx-core", "required")
                .containsEntry("io.micrometer:micrometer-registry-prometheus", "required")
                .containsEntry("org.apache.kafka:kafka_2.13", "optional")
                .containsEntry("io.fabric8:kubernetes-server-mock", "optional");
        assertThat(scopes.keySet())
                .noneMatch(k -> k.startsWith("org.junit")
                        || k.startsWith("org.assertj")
                        || k.startsWith("com.marcnuri")
                        || k.startsWith("org.testcontainers"));
    }
}
