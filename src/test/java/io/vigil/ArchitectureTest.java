package io.vigil;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §2b: the model and the checks are pure, packages form no cycle, arrows run one way, and only the
 * composition root wires the parts. The boundary is mechanical, not a convention.
 */
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

    /** The parts whose construction is wiring: only the composition root (and the demo) builds them. */
    private static final Set<String> WIRED_PARTS = Set.of(
            "io.vigil.pipeline.AuditVerticle",
            "io.vigil.sink.kafka.KafkaSink",
            "io.vigil.source.KubeSource",
            "io.vigil.http.HttpApi",
            "io.vigil.metrics.VigilMetrics");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.vigil.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheServiceAndTheDemoWireTheParts() {
        DescribedPredicate<JavaConstructorCall> wiring = new DescribedPredicate<>("a constructor of " + WIRED_PARTS) {
            @Override
            public boolean test(JavaConstructorCall call) {
                String target = call.getTargetOwner().getName();
                return WIRED_PARTS.contains(target)
                        && !call.getOriginOwner().getName().startsWith(target);
            }
        };
        noClasses()
                .that()
                .resideOutsideOfPackages("io.vigil.service..", "io.vigil.demo..")
                .should()
                .callConstructorWhere(wiring)
                .check(classes);
    }

    /**
     * One path for configuration: the service's and the sink's settings come from a validated {@code VigilConfig}
     * ({@code Options.from}, {@code KafkaSettings.of}), in the demo and the tests too, so no second positional path
     * exists that only they use. Test classes are imported for this rule.
     */
    @Test
    void settingsAreBuiltOnlyFromTheValidatedConfiguration() {
        JavaClasses withTests = new ClassFileImporter().importPackages("io.vigil");
        noClasses()
                .should()
                .callConstructorWhere(constructorOutsideItsFactory("io.vigil.sink.kafka.KafkaSettings"))
                .orShould()
                .callConstructorWhere(constructorOutsideItsFactory("io.vigil.service.VigilService$Options"))
                .because("KafkaSettings.of and VigilService.Options.from map the validated VigilConfig")
                .check(withTests);
    }

    private static DescribedPredicate<JavaConstructorCall> constructorOutsideItsFactory(String type) {
        return new DescribedPredicate<>("a constructor of " + type + " outside " + type) {
            @Override
            public boolean test(JavaConstructorCall call) {
                return call.getTargetOwner().getName().equals(type)
                        && !call.getOriginOwner().getName().equals(type);
            }
        };
    }

    @Test
    void theModelStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.model..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("io.vigil.model..", "java..", "javax.crypto..", "com.fasterxml.jackson..")
                .because("the model is pure values over Jackson trees (javax.crypto for the keyed mask)")
                .check(classes);
    }

    @Test
    void thePipelineSeesItsNeighboursOnlyThroughInterfacesItOwns() {
        layer("io.vigil.pipeline..")
                .resideInAnyPackage(
                        "io.vigil.source..",
                        "io.vigil.sink..",
                        "io.vigil.metrics..",
                        "io.vigil.policy..",
                        "io.vigil.config..",
                        "io.vigil.http..",
                        "io.vigil.report..",
                        "io.vigil.scan..",
                        "io.vigil.cli..",
                        "io.vigil.service..",
                        "io.vigil.demo..")
                .check(classes);
    }

    @Test
    void sourcesSinksAndMetricsDoNotKnowEachOther() {
        layer("io.vigil.source..")
                .resideInAnyPackage(
                        "io.vigil.sink..",
                        "io.vigil.metrics..",
                        "io.vigil.policy..",
                        "io.vigil.http..",
                        "io.vigil.report..",
                        "io.vigil.cli..",
                        "io.vigil.service..",
                        "io.vigil.demo..")
                .check(classes);
        layer("io.vigil.metrics..")
                .resideInAnyPackage(
                        "io.vigil.sink..",
                        "io.vigil.source..",
                        "io.vigil.http..",
                        "io.vigil.report..",
                        "io.vigil.cli..",
                        "io.vigil.service..",
                        "io.vigil.demo..")
                .because("metrics listen to the pipeline and import no sink")
                .check(classes);
        layer("io.vigil.sink..")
                .resideInAnyPackage(
                        "io.vigil.source..",
                        "io.vigil.policy..",
                        "io.vigil.http..",
                        "io.vigil.cli..",
                        "io.vigil.service..",
                        "io.vigil.demo..")
                .check(classes);
    }

    @Test
    void reportsAndFormatsSeeNoRuntime() {
        layer("io.vigil.report..")
                .resideInAnyPackage(
                        "io.vigil.sink..",
                        "io.vigil.source..",
                        "io.vigil.pipeline..",
                        "io.vigil.metrics..",
                        "io.vigil.http..",
                        "io.vigil.cli..",
                        "io.vigil.service..",
                        "io.vigil.demo..",
                        "org.apache.kafka..",
                        "io.vertx..")
                .because("a report reads history through an interface that report owns (HistorySource)")
                .check(classes);
        layer("io.vigil.format..")
                .resideInAnyPackage(
                        "io.vigil.sink..",
                        "io.vigil.source..",
                        "io.vigil.pipeline..",
                        "io.vigil.policy..",
                        "io.vigil.report..",
                        "io.vigil.http..",
                        "io.vigil.cli..",
                        "io.vigil.service..",
                        "io.vigil.demo..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineAndTheDemoStartTheService() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.vigil.service..", "io.vigil.cli..", "io.vigil.demo..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vigil.service..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.vigil.demo..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vigil.demo..")
                .because("the demo ships only in vigil-demo.jar")
                .check(classes);
    }

    private static com.tngtech.archunit.lang.syntax.elements.ClassesThat<
                    com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction>
            layer(String pkg) {
        return noClasses().that().resideInAPackage(pkg).should().dependOnClassesThat();
    }
}
