package io.vigil.testing;

import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.Evaluator;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.scan.InputError;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanInput;
import io.vigil.scan.ScannedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One fixture case: a YAML file under {@code src/test/resources/checks/<check-id>/} whose header states
 * the exact findings of that check as {@code # expect: <check> <path>} lines (or {@code # expect: none}),
 * and optionally {@code # settings: allowedRegistries=a,b} or {@code # settings: includeSystem=true}. A case the
 * API server would reject states each input error the scan reports as {@code # error: <line>: <reason>}.
 */
public record Fixture(String checkId, Path file, List<String> expected, List<String> errors, AuditSettings settings) {
    public static final Path ROOT = Path.of("src/test/resources/checks");

    public static List<Fixture> all() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory)
                    .sorted()
                    .flatMap(Fixture::inFolder)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Fixture> inFolder(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .filter(f -> f.toString().endsWith(".yaml"))
                    .sorted()
                    .map(f -> parse(dir.getFileName().toString(), f))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Fixture parse(String checkId, Path file) {
        List<String> expected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean sawExpect = false;
        AuditSettings settings = AuditSettings.defaults();
        for (String line : read(file)) {
            if (line.startsWith("# expect:")) {
                sawExpect = true;
                String entry = line.substring("# expect:".length()).trim();
                if (!entry.equals("none")) {
                    expected.add(entry);
                }
            } else if (line.startsWith("# error:")) {
                errors.add(line.substring("# error:".length()).trim());
            } else if (line.startsWith("# settings:")) {
                settings = applySetting(
                        settings, line.substring("# settings:".length()).trim(), file);
            }
        }
        if (!sawExpect) {
            throw new IllegalStateException(file + ": fixture has no '# expect:' header");
        }
        return new Fixture(checkId, file, expected.stream().sorted().toList(), List.copyOf(errors), settings);
    }

    private static AuditSettings applySetting(AuditSettings s, String setting, Path file) {
        String[] kv = setting.split("=", 2);
        return switch (kv[0]) {
            case "allowedRegistries" -> s.withAllowedRegistries(Arrays.asList(kv[1].split(",")));
            case "includeSystem" -> s.withIncludeSystem(Boolean.parseBoolean(kv[1]));
            default -> throw new IllegalStateException(file + ": unknown fixture setting " + kv[0]);
        };
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean passing() {
        return expected.isEmpty();
    }

    /** Runs only this fixture's check over the file. */
    public Outcome run(Check check) {
        ScanInput input;
        try {
            input = new ManifestReader("default")
                    .readBytes(file.toString(), Files.readAllBytes(file))
                    .result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<KubeObject> objects =
                input.objects().stream().map(ScannedObject::object).toList();
        ManifestClusterView view = new ManifestClusterView(objects, settings);
        Evaluator evaluator = new Evaluator(List.of(check), settings);
        List<Finding> findings = new ArrayList<>();
        for (KubeObject o : objects) {
            Evaluator.Result result = evaluator.evaluate(o, view);
            if (!result.failures().isEmpty()) {
                throw new AssertionError(
                        file + ": check threw", result.failures().get(0).error());
            }
            findings.addAll(result.findings());
        }
        List<String> actual = findings.stream()
                .map(f -> f.checkId() + " " + f.path())
                .sorted()
                .toList();
        return new Outcome(actual, findings, input.errors());
    }

    public record Outcome(List<String> actual, List<Finding> findings, List<InputError> errors) {
        /** The input errors as a fixture's {@code # error:} lines state them: {@code line: reason}. */
        public List<String> errorLines() {
            return errors.stream().map(e -> e.line() + ": " + e.reason()).toList();
        }
    }

    @Override
    public String toString() {
        return ROOT.relativize(file).toString();
    }

    public static Map<String, List<Fixture>> byCheck() {
        return all().stream().collect(java.util.stream.Collectors.groupingBy(Fixture::checkId));
    }
}
