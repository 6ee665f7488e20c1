package io.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricDocsTest {
    @Test
    void docsMetricsMdIsGeneratedFromTheCatalogue() throws IOException {
        assertThat(Files.readString(Path.of("docs/metrics.md")))
                .as("docs/metrics.md is stale: regenerate with dashboards/generate.sh")
                .isEqualTo(MetricDocs.markdown());
    }

    @Test
    void namesAreUniquePrefixedAndNeverCarryTheClusterLabel() {
        Set<String> names = new HashSet<>();
        for (MetricCatalog.Metric m : MetricCatalog.EXPORTED) {
            assertThat(names.add(m.name())).as("declared twice: " + m.name()).isTrue();
            assertThat(m.labels()).as(m.name()).doesNotContain("cluster", "job", "instance", "pod");
        }
        assertThat(MetricCatalog.ALL).allSatisfy(m -> assertThat(m.name()).startsWith("vigil_"));
        assertThat(MetricCatalog.JVM).allSatisfy(m -> assertThat(m.name()).startsWith("jvm_"));
    }
}
