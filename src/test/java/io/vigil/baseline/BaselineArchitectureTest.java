package io.vigil.baseline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The baseline model, fingerprints, loader and drift logic serve both {@code vigil scan} and the live
 * service: no runtime framework, no cluster client, no network, no clock (capture time is passed in).
 */
class BaselineArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil");

    @Test
    void baselineCodeImportsNoRuntimeFrameworkNorClient() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.baseline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..",
                        "org.apache.kafka..",
                        "io.micrometer..",
                        "io.fabric8.kubernetes.client..",
                        "io.netty..",
                        "io.cloudevents..",
                        "java.net..",
                        "io.vigil.cli..",
                        "io.vigil.pipeline..",
                        "io.vigil.source..",
                        "io.vigil.sink..",
                        "io.vigil.http..",
                        "io.vigil.metrics..",
                        "io.vigil.demo..",
                        "io.vigil.config..")
                .check(classes);
    }

    @Test
    void baselineCodeReadsNoClock() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.baseline..")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.Clock.class, "systemUTC")
                .check(classes);
    }
}
