package io.vigil.exceptions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Exceptions are pure: the live service, scans and reports share them without dragging in a runtime. */
class ExceptionsBoundaryTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil");

    @Test
    void exceptionsImportNoRuntimeAndNoOtherVigilLayerThanTheModel() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.exceptions..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..",
                        "org.apache.kafka..",
                        "io.micrometer..",
                        "io.fabric8..",
                        "io.netty..",
                        "io.cloudevents..",
                        "io.vigil.scan..",
                        "io.vigil.cli..",
                        "io.vigil.format..",
                        "io.vigil.pipeline..",
                        "io.vigil.source..",
                        "io.vigil.sink..",
                        "io.vigil.http..",
                        "io.vigil.metrics..",
                        "io.vigil.demo..",
                        "io.vigil.config..",
                        "io.vigil.report..")
                .check(classes);
    }
}
