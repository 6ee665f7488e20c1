package io.vigil.config;

import static io.vigil.config.ConfigTesting.load;
import static io.vigil.config.ConfigTesting.problems;
import static io.vigil.config.ConfigTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exceptions.annotations}: off unless asked for, since anyone who may edit a workload could exempt it. */
class ExceptionAnnotationsConfigTest {
    @TempDir
    Path dir;

    @Test
    void offByDefault() {
        assertThat(load(null, ConfigTesting.WITH_TOKEN).exceptionAnnotations()).isFalse();
    }

    @Test
    void trueInTheFileTurnsThemOn() {
        Path file = write(dir, "vigil.yaml", """
                exceptions:
                  annotations: true
                """);
        assertThat(load(file, ConfigTesting.WITH_TOKEN).exceptionAnnotations()).isTrue();
    }

    @Test
    void theEnvironmentOverridesTheFile() {
        Path file = write(dir, "vigil.yaml", """
                exceptions:
                  annotations: true
                """);
        Map<String, String> env = new HashMap<>(ConfigTesting.WITH_TOKEN);
        env.put("VIGIL_EXCEPTIONS_ANNOTATIONS", "false");
        assertThat(load(file, env).exceptionAnnotations()).isFalse();
    }

    @Test
    void aBadValueIsNamedWithItsLine() {
        Path file = write(dir, "vigil.yaml", """
                exceptions:
                  annotations: maybe
                """);
        assertThat(problems(file, ConfigTesting.WITH_TOKEN))
                .containsExactly(file + ":2: exceptions.annotations: \"maybe\" is not true or false");
    }
}
