package io.vigil.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Shared helpers: a loader over a fixed set of check ids, and problems as the user reads them. */
final class ConfigTesting {
    static final Set<String> CHECK_IDS =
            Set.of("privileged-container", "default-namespace", "resources-missing-requests", "image-latest-tag");
    static final String TOKEN = "tok-9f8e7d6c5b4a3210";
    static final Map<String, String> WITH_TOKEN = Map.of("VIGIL_API_TOKEN", TOKEN);

    private ConfigTesting() {}

    static VigilConfig load(Path file, Map<String, String> env) {
        return new ConfigLoader(CHECK_IDS).load(Optional.ofNullable(file), env);
    }

    static ConfigException failure(Path file, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(file, env));
        if (e == null) {
            throw new AssertionError("expected a ConfigException");
        }
        return e;
    }

    static List<String> problems(Path file, Map<String, String> env) {
        return failure(file, env).problems().stream().map(Problem::toString).toList();
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
