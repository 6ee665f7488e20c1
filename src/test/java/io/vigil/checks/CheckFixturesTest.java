package io.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.Check;
import io.vigil.check.CheckCatalog;
import io.vigil.testing.Fixture;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every fixture's exact set of findings, and the rules every check's fixtures must follow. */
class CheckFixturesTest {
    private final CheckCatalog catalog = BuiltInChecks.catalog();

    @TestFactory
    Stream<DynamicTest> everyFixtureYieldsExactlyItsExpectedFindings() {
        return Fixture.all().stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.toString(), () -> {
                    Check check = catalog.find(fixture.checkId())
                            .orElseThrow(
                                    () -> new AssertionError("fixture folder names no check: " + fixture.checkId()));
                    Fixture.Outcome outcome = fixture.run(check);
                    assertThat(outcome.errorLines())
                            .as("input errors in %s", fixture)
                            .isEqualTo(fixture.errors());
                    assertThat(outcome.actual()).as("findings of %s", fixture).isEqualTo(fixture.expected());
                }));
    }

    @Test
    void everyCheckHasAFailingAndAPassingFixture() {
        Map<String, List<Fixture>> byCheck = Fixture.byCheck();
        for (Check check : catalog.all()) {
            List<Fixture> cases = byCheck.getOrDefault(check.id(), List.of());
            assertThat(cases)
                    .as("fixtures of %s", check.id())
                    .anyMatch(Fixture::passing)
                    .anyMatch(f -> !f.passing());
        }
    }

    @Test
    void everyFixtureExpectsOnlyItsOwnCheck() {
        for (Fixture f : Fixture.all()) {
            assertThat(f.expected())
                    .as("expectations of %s", f)
                    .allSatisfy(e -> assertThat(e).startsWith(f.checkId() + " "));
        }
    }
}
