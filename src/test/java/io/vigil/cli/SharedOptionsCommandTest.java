package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.check.AuditSettings;
import io.vigil.model.Masking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The options mixed into several commands parse to the same values in each of them, through the real tree. */
class SharedOptionsCommandTest {
    /** What each command needs besides the shared options to parse (its required option and its input). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "vigil scan", List.of("pod.yaml"),
            "vigil report", List.of("--framework", "cis"),
            "vigil baseline capture", List.of());

    @Test
    void auditOptionsAreOnScanReportAndBaselineCaptureAndParseIdentically() {
        Map<String, AuditOptions> parsed = parseEach(
                AuditOptions.class,
                "--cluster",
                "prod",
                "--namespace",
                "shop",
                "--include-system",
                "--allowed-registry",
                "registry.example.com/",
                "--allowed-registry",
                "ghcr.io/acme/");
        assertThat(parsed).containsOnlyKeys("vigil scan", "vigil report", "vigil baseline capture");
        AuditSettings expected = AuditSettings.defaults()
                .withCluster("prod")
                .withIncludeSystem(true)
                .withAllowedRegistries(List.of("registry.example.com/", "ghcr.io/acme/"));
        parsed.forEach((command, options) -> {
            assertThat(options.settings(Masking.unkeyed())).as(command).isEqualTo(expected);
            assertThat(options.namespace()).as(command).isEqualTo("shop");
            assertThat(options.givenCluster()).as(command).isEqualTo("prod");
        });
    }

    @Test
    void auditOptionDefaultsAreTheSameEverywhere() {
        parseEach(AuditOptions.class).forEach((command, options) -> {
            assertThat(options.settings(Masking.unkeyed())).as(command).isEqualTo(AuditSettings.defaults());
            assertThat(options.namespace()).as(command).isEqualTo("default");
            assertThat(options.givenCluster()).as(command).isNull();
            assertThat(options.cluster()).as(command).isEqualTo("default");
        });
    }

    @Test
    void kubeconfigOptionsAreOnReportAndBaselineCaptureAndParseIdentically() {
        Map<String, KubeconfigOptions> parsed =
                parseEach(KubeconfigOptions.class, "--kubeconfig", "/tmp/kc.yaml", "--context", "prod");
        assertThat(parsed).containsOnlyKeys("vigil report", "vigil baseline capture");
        parsed.forEach((command, options) -> {
            assertThat(options.given()).as(command).isTrue();
            assertThat(options.kubeconfig()).as(command).isEqualTo(Path.of("/tmp/kc.yaml"));
            assertThat(options.context()).as(command).isEqualTo("prod");
        });
        parseEach(KubeconfigOptions.class, "--context", "prod")
                .forEach((command, options) -> assertThatThrownBy(options::given)
                        .as(command)
                        .isInstanceOf(UserError.class)
                        .hasMessage("--context needs --kubeconfig FILE"));
    }

    @Test
    void exceptionOptionsAreOnScanAndReportAndParseIdentically() {
        Map<String, ExceptionOptions> parsed =
                parseEach(ExceptionOptions.class, "--exceptions", "exceptions.yaml", "--no-exception-annotations");
        assertThat(parsed).containsOnlyKeys("vigil scan", "vigil report");
        parsed.forEach((command, options) -> {
            assertThat(options.file()).as(command).isEqualTo(Path.of("exceptions.yaml"));
            assertThat(options.annotations()).as(command).isFalse();
        });
        parseEach(ExceptionOptions.class).forEach((command, options) -> {
            assertThat(options.file()).as(command).isNull();
            assertThat(options.annotations()).as(command).isTrue();
        });
    }

    @Test
    void maskKeyOptionIsOnScanReportAndBaselineCapture() {
        Map<String, MaskKeyOption> parsed = parseEach(MaskKeyOption.class, "--mask-key-file", "key");
        assertThat(parsed).containsOnlyKeys("vigil scan", "vigil report", "vigil baseline capture");
        parsed.forEach((command, option) -> assertThat(option.file).as(command).isEqualTo(Path.of("key")));
    }

    @Test
    void apiOptionsAreOnReportAndBaselineCaptureAndParseIdentically(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path token = java.nio.file.Files.writeString(dir.resolve("token"), "t0ken\n");
        Map<String, ApiOptions> parsed =
                parseEach(ApiOptions.class, "--from-api", "https://vigil:8080", "--token-file", token.toString());
        assertThat(parsed).containsOnlyKeys("vigil report", "vigil baseline capture");
        parsed.forEach((command, options) -> {
            assertThat(options.given()).as(command).isTrue();
            assertThat(options.url()).as(command).isEqualTo(java.net.URI.create("https://vigil:8080"));
            assertThat(options.token()).as(command).isEqualTo("t0ken");
        });
        parseEach(ApiOptions.class, "--token-file", token.toString())
                .forEach((command, options) -> assertThatThrownBy(options::given)
                        .as(command)
                        .isInstanceOf(UserError.class)
                        .hasMessage("--token-file needs --from-api URL"));
        parseEach(ApiOptions.class, "--from-api", "ftp://vigil").forEach((command, options) -> {
            assertThatThrownBy(options::url)
                    .as(command)
                    .isInstanceOf(UserError.class)
                    .hasMessage("--from-api must be an http:// or https:// URL, got \"ftp://vigil\"");
            options.env = Map.of("VIGIL_API_TOKEN", " from-env\n");
            assertThat(options.token()).as(command + ": without --token-file").isEqualTo("from-env");
            options.env = Map.of();
            assertThat(options.token()).as(command + ": no token at all").isNull();
        });
    }

    @Test
    void outputOptionIsOnReportAndBaselineCaptureAndWritesTheWholeFileOrNothing(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.md");
        Map<String, OutputOption> parsed = parseEach(OutputOption.class, "-o", file.toString());
        assertThat(parsed).containsOnlyKeys("vigil report", "vigil baseline capture");
        java.io.StringWriter stdout = new java.io.StringWriter();
        parsed.forEach((command, option) -> {
            assertThat(option.file()).as(command).isEqualTo(file);
            option.write("# " + command + "\n", new java.io.PrintWriter(stdout));
            assertThat(file).as(command).hasContent("# " + command);
        });
        assertThat(stdout.toString()).isEmpty();
        assertThat(dir.toFile().list()).as("no temporary file left").containsExactly("out.md");

        Path missing = dir.resolve("no-such-dir").resolve("out.md");
        parseEach(OutputOption.class, "--output", missing.toString())
                .forEach((command, option) -> assertThatThrownBy(
                                () -> option.write("x", new java.io.PrintWriter(stdout)))
                        .as(command)
                        .isInstanceOf(UserError.class)
                        .hasMessageStartingWith("cannot write " + missing + ": "));
        parseEach(OutputOption.class)
                .forEach((command, option) -> option.write(command + ";", new java.io.PrintWriter(stdout)));
        assertThat(stdout.toString()).isEqualTo("vigil baseline capture;vigil report;");
    }

    @Test
    void noCommandDeclaresASharedOptionItselfOrTwice() {
        Set<String> shared = Set.of(
                "--cluster",
                "--namespace",
                "--include-system",
                "--allowed-registry",
                "--kubeconfig",
                "--context",
                "--exceptions",
                "--exception-annotations",
                "--mask-key-file",
                "--from-api",
                "--token-file",
                "-o",
                "--output");
        commands().forEach(spec -> {
            List<String> own = Stream.of(spec.userObject().getClass().getDeclaredFields())
                    .map(f -> f.getAnnotation(CommandLine.Option.class))
                    .filter(o -> o != null)
                    .flatMap(o -> Stream.of(o.names()))
                    .toList();
            assertThat(own)
                    .as(spec.qualifiedName() + " declares no shared option itself")
                    .doesNotContainAnyElementsOf(shared);
            List<String> names =
                    spec.options().stream().map(o -> o.longestName()).toList();
            assertThat(names).as(spec.qualifiedName() + " has each option once").doesNotHaveDuplicates();
        });
    }

    /** Parses the arguments as {@code vigil} does, once per command that mixes {@code type} in; the parsed mixin. */
    private static <T> Map<String, T> parseEach(Class<T> type, String... args) {
        Map<String, T> out = new TreeMap<>();
        commands().map(CommandSpec::qualifiedName).forEach(name -> {
            CommandLine root = VigilCommand.commandLine();
            List<String> all = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
            all.addAll(List.of(args));
            all.addAll(REQUIRED.getOrDefault(name, List.of()));
            CommandSpec spec = commandNamed(root.getCommandSpec(), name);
            spec.mixins().values().stream()
                    .map(CommandSpec::userObject)
                    .filter(type::isInstance)
                    .findFirst()
                    .ifPresent(mixin -> {
                        root.parseArgs(all.toArray(String[]::new));
                        out.put(name, type.cast(mixin));
                    });
        });
        return out;
    }

    private static CommandSpec commandNamed(CommandSpec root, String name) {
        return walk(root)
                .filter(s -> s.qualifiedName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Stream<CommandSpec> commands() {
        return walk(VigilCommand.commandLine().getCommandSpec());
    }

    private static Stream<CommandSpec> walk(CommandSpec spec) {
        return Stream.concat(
                Stream.of(spec),
                spec.subcommands().values().stream()
                        .map(CommandLine::getCommandSpec)
                        .flatMap(SharedOptionsCommandTest::walk));
    }
}
