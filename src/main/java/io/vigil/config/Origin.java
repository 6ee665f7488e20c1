package io.vigil.config;

import java.nio.file.Path;

/**
 * Where a value came from, as a user would look for it: {@code vigil.yaml:7} or {@code env VIGIL_HTTP_PORT}.
 *
 * @param line 1-based line in a file; 0 for the environment or the file as a whole
 */
public record Origin(String source, int line, boolean env) {
    public static Origin file(Path file, int line) {
        return new Origin(file.toString(), Math.max(0, line), false);
    }

    public static Origin env(String name) {
        return new Origin("env " + name, 0, true);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
