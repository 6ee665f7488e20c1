package io.vigil.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Policy values are pure: the live service, scans and reports share them without dragging in a runtime. The
 * policy implements the pipeline's {@code FindingPolicy}, so it may see the pipeline's interfaces; it reads
 * its sources as the configuration names them. Scheduling its reload is the service's business.
 */
class PolicyBoundaryTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil");

    @Test
    void policyImportsNoRuntimeAndNoOtherVigilLayerThanTheModel() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.policy..")
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
                        "io.vigil.source..",
                        "io.vigil.sink..",
                        "io.vigil.http..",
                        "io.vigil.metrics..",
                        "io.vigil.demo..",
                        "io.vigil.report..",
                        "io.vigil.service..")
                .check(classes);
    }
}
