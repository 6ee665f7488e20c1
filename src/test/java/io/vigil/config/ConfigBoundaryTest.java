package io.vigil.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Configuration is plain data: loading it must not drag in a runtime (and cannot start one by accident). */
class ConfigBoundaryTest {
    @Test
    void configImportsOnlyJacksonTheJdkTheModelAndTheCheckContract() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.config..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "io.vigil.config..",
                        "io.vigil.model..",
                        "io.vigil.check..",
                        "com.fasterxml.jackson..",
                        "java..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.vigil.config"));
    }
}
