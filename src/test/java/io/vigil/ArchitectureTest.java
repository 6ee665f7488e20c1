package io.vigil;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN §2b: the model and the checks are pure; the boundary is mechanical, not a convention. */
class ArchitectureTest {
    private static final String[] PURE = {"io.vigil.model..", "io.vigil.check..", "io.vigil.checks.."};
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil");

    @Test
    void pureCodeImportsNoRuntimeFrameworks() {
        noClasses()
                .that()
                .resideInAnyPackage(PURE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..",
                        "org.apache.kafka..",
                        "io.micrometer..",
                        "io.fabric8.kubernetes.client..",
                        "io.netty..",
                        "io.cloudevents..",
                        "org.slf4j..",
                        "ch.qos.logback..")
                .check(classes);
    }

    @Test
    void pureCodeDependsOnNoOtherVigilLayer() {
        noClasses()
                .that()
                .resideInAnyPackage(PURE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vigil.scan..",
                        "io.vigil.cli..",
                        "io.vigil.format..",
                        "io.vigil.pipeline..",
                        "io.vigil.source..",
                        "io.vigil.sink..",
                        "io.vigil.http..",
                        "io.vigil.metrics..",
                        "io.vigil.demo..",
                        "io.vigil.baseline..",
                        "io.vigil.config..")
                .check(classes);
    }

    @Test
    void theKafkaRecordFormatRunsWithoutVertx() {
        noClasses()
                .that()
                .resideInAnyPackage("io.vigil.sink.kafka..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.vertx..", "io.netty..")
                .because("the record format is plain Kafka client + CloudEvents + Jackson code")
                .check(classes);
    }

    @Test
    void checksDoNoIoAndReadNoClock() {
        noClasses()
                .that()
                .resideInAnyPackage(PURE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.util.concurrent..")
                .because("checks are pure: no I/O, no threads")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("io.vigil.check..", "io.vigil.checks..")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.Clock.class, "systemUTC")
                .because("checks read no clock")
                .check(classes);
    }
}
