package io.vigil.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A binary from a Debian package (DESIGN §10: {@code promtool} from {@code prometheus}, ...). Tests that need
 * one skip when it is absent locally and fail when {@code CI=true}, so CI can never pass by skipping;
 * {@code .ci/run} installs the package when its command is missing.
 */
public final class DebianTool {
    private DebianTool() {}

    /** The command's path on {@code PATH}; skips (or fails on CI) when it is missing. */
    public static Path require(String command, String debianPackage) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return missing(command + " is not on PATH (apt-get install " + debianPackage + ")");
    }

    /** Skips the test (or fails it on CI) because {@code hint} names a tool that is missing; never returns. */
    public static <T> T missing(String hint) {
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + hint);
        }
        Assumptions.abort("skipped: " + hint + " (set CI=true to make this a failure)");
        throw new AssertionError("unreachable");
    }
}
