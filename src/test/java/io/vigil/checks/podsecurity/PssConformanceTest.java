package io.vigil.checks.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanInput;
import io.vigil.scan.ScannedObject;
import io.vigil.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Agreement with upstream Pod Security admission on its own v1.37 fixtures (DESIGN §12): a pod fails
 * level L iff one of its findings carries {@code PSS:baseline}, or L is restricted and one carries
 * {@code PSS:restricted}. The fixtures live in the shared corpus, outside the repository; without them the
 * test is skipped, except on CI where their absence is a failure.
 */
class PssConformanceTest {
    private static final String FIXTURES = "corpus/pod-security-admission/test/testdata";
    private static final String VERSION = "v1.37";

    private final Evaluator evaluator =
            new Evaluator(PodSecurityChecks.all(), AuditSettings.defaults().withIncludeSystem(true));

    @TestFactory
    Stream<DynamicTest> baselineFixtures() throws IOException {
        return fixtures("baseline");
    }

    @TestFactory
    Stream<DynamicTest> restrictedFixtures() throws IOException {
        return fixtures("restricted");
    }

    private Stream<DynamicTest> fixtures(String level) throws IOException {
        String dir = FIXTURES + "/" + level + "/" + VERSION;
        SharedData.require(dir + "/pass");
        Path root = SharedData.require(dir + "/fail").getParent();
        List<DynamicTest> tests = new ArrayList<>();
        for (String outcome : List.of("pass", "fail")) {
            try (Stream<Path> files = Files.list(root.resolve(outcome))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    tests.add(DynamicTest.dynamicTest(
                            level + "/" + outcome + "/" + file.getFileName(),
                            () -> assertVerdict(file, level, outcome.equals("fail"))));
                }
            }
        }
        assertThat(tests).as("fixtures under %s", root).isNotEmpty();
        return tests.stream();
    }

    private void assertVerdict(Path file, String level, boolean mustFail) throws IOException {
        ScanInput input = new ManifestReader("default")
                .readBytes(file.toString(), Files.readAllBytes(file))
                .result();
        assertThat(input.errors()).as("input errors in %s", file).isEmpty();
        List<KubeObject> objects =
                input.objects().stream().map(ScannedObject::object).toList();
        assertThat(objects).as("objects in %s", file).hasSize(1);
        ManifestClusterView view = new ManifestClusterView(objects, evaluator.settings());
        Evaluator.Result result = evaluator.evaluate(objects.get(0), view);
        assertThat(result.failures()).as("check failures on %s", file).isEmpty();
        List<Finding> pss =
                result.findings().stream().filter(f -> violates(f, level)).toList();
        if (mustFail) {
            assertThat(pss)
                    .as("%s must fail %s, all findings: %s", file.getFileName(), level, describeAll(result.findings()))
                    .isNotEmpty();
        } else {
            assertThat(pss)
                    .as("%s must pass %s", file.getFileName(), level)
                    .extracting(PssConformanceTest::describe)
                    .isEmpty();
        }
    }

    private static boolean violates(Finding f, String level) {
        return f.controls().contains("PSS:baseline")
                || level.equals("restricted") && f.controls().contains("PSS:restricted");
    }

    private static String describe(Finding f) {
        return f.checkId() + " " + f.path() + " "
                + f.controls().stream().filter(c -> c.startsWith("PSS:")).toList();
    }

    private static List<String> describeAll(List<Finding> findings) {
        return findings.stream().map(PssConformanceTest::describe).toList();
    }
}
