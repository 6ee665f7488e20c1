package io.vigil.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code ../shared} (corpus, schemas): tests that need it skip when it is absent locally and fail
 * when {@code CI=true}, so CI can never pass by skipping.
 */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        String env = System.getenv("VIGIL_SHARED_DIR");
        return Path.of(env != null ? env : "../shared");
    }

    /** The path under {@code ../shared}; skips (or fails on CI) when it is missing. */
    public static Path require(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + p.toAbsolutePath() + " is missing");
            }
            Assumptions.abort("skipped: " + p + " is absent (set CI=true to make this a failure)");
        }
        return p;
    }
}
