package io.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.format.CheckDocs;
import io.vigil.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CheckCatalogDocsTest {
    private final CheckCatalog catalog = BuiltInChecks.catalog();

    @Test
    void docsChecksMdIsGeneratedFromTheCode() throws IOException {
        String current = Files.readString(Path.of("docs/checks.md"));
        assertThat(current)
                .as("docs/checks.md is stale: regenerate with "
                        + "'java -jar target/vigil.jar checks --format markdown > docs/checks.md'")
                .isEqualTo(CheckDocs.markdown(catalog));
    }

    @Test
    void everyCheckCarriesTitleRemediationAndWellFormedControls() {
        for (Check c : catalog.all()) {
            var d = c.descriptor();
            assertThat(d.title()).as(d.id()).isNotBlank();
            assertThat(d.remediation()).as(d.id()).isNotBlank();
            assertThat(d.subjectKinds()).as(d.id()).isNotEmpty();
            assertThat(d.controls())
                    .as(d.id())
                    .allMatch(x -> x.matches("(CIS|NSA|SOC2|HIPAA):\\S.*"))
                    .noneMatch(x -> x.startsWith("PSS:"));
        }
    }

    @Test
    void everyCheckOfTheSharedCatalogueIsImplemented() throws IOException {
        Path checksMd = SharedData.require("CHECKS.md");
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = Pattern.compile(
                        "(?m)^\\| ([a-z][a-z0-9]*(?:-[a-z0-9]+)+) \\| (?:critical|high|medium|low|info) \\|")
                .matcher(Files.readString(checksMd));
        while (m.find()) {
            ids.add(m.group(1));
        }
        ids.remove("baseline-drift");
        assertThat(ids).hasSizeGreaterThan(50);
        assertThat(catalog.ids()).containsAll(ids);
    }
}
