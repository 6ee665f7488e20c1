package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the Dockerfile without a Docker engine or a registry (neither exists here): bases
 * pinned by digest, a multi-stage build whose runtime stage runs nothing, a numeric non-root user, and an
 * exec-form entry point with container-aware JVM flags.
 */
class DockerfileTest {
    private static final Pattern PINNED_FROM =
            Pattern.compile("FROM [a-z0-9.\\-/]+(:[A-Za-z0-9_.\\-]+)?@sha256:[a-f0-9]{64}( AS [a-z]+)?");

    /** Instructions (continuation lines joined), grouped by stage. */
    static List<List<String>> stages() throws IOException {
        List<List<String>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            pending.append(line.strip());
            if (line.endsWith("\\")) {
                pending.setLength(pending.length() - 1);
                continue;
            }
            String instruction = pending.toString();
            pending.setLength(0);
            if (instruction.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            stages.get(stages.size() - 1).add(instruction);
        }
        return stages;
    }

    @Test
    void everyBaseImageIsPinnedByDigest() throws IOException {
        List<List<String>> stages = stages();

        assertThat(stages).hasSize(2);
        assertThat(stages).allSatisfy(s -> assertThat(s.get(0)).matches(PINNED_FROM));
    }

    @Test
    void theRuntimeStageRunsNoShellAndAsANumericNonRootUser() throws IOException {
        List<String> runtime = stages().get(1);

        assertThat(runtime).noneMatch(i -> i.startsWith("RUN ") || i.startsWith("SHELL "));
        assertThat(runtime.get(0)).contains("distroless");
        assertThat(runtime).filteredOn(i -> i.startsWith("USER ")).containsExactly("USER 65532:65532");
        assertThat(runtime).filteredOn(i -> i.startsWith("COPY ")).allMatch(i -> i.startsWith("COPY --from=build "));
    }

    @Test
    void theEntryPointIsExecFormWithContainerAwareJvmFlags() throws IOException {
        List<String> runtime = stages().get(1);

        assertThat(runtime)
                .filteredOn(i -> i.startsWith("ENTRYPOINT "))
                .containsExactly("ENTRYPOINT [\"java\", \"-XX:+UseSerialGC\", \"-XX:MaxRAMPercentage=60\","
                        + " \"-XX:+ExitOnOutOfMemoryError\", \"-XX:-UsePerfData\", \"-Djava.io.tmpdir=/tmp\", \"-jar\","
                        + " \"/app/vigil.jar\"]");
        assertThat(runtime)
                .filteredOn(i -> i.startsWith("CMD "))
                .containsExactly("CMD [\"watch\", \"--config\", \"/etc/vigil/vigil.yaml\"]");
    }

    /** The chart replaces the ENTRYPOINT to make the flags a value: by default it must be the same command. */
    @Test
    void theChartStartsTheImagesJavaCommandWithTheSameFlagsByDefault() throws IOException {
        String entrypoint = stages().get(1).stream()
                .filter(i -> i.startsWith("ENTRYPOINT "))
                .findFirst()
                .orElseThrow()
                .substring("ENTRYPOINT ".length());
        JsonNode container = PodFiles.container(Chart.render().get("Deployment", "vigil", "vigil"));

        assertThat(container.path("command")).isEqualTo(new ObjectMapper().readTree(entrypoint));
    }

    @Test
    void theChartRunsTheImageAsItsOwnUser() {
        var pod = Chart.render()
                .get("Deployment", "vigil", "vigil")
                .path("spec")
                .path("template")
                .path("spec");

        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(65532);
        assertThat(pod.path("securityContext").path("runAsGroup").asInt()).isEqualTo(65532);
    }
}
