package io.vigil.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which exceptions a one-shot command applies (scan, report): the file {@code watch} uses, and annotations. */
public final class ExceptionOptions {
    @Option(
            names = "--exceptions",
            paramLabel = "FILE",
            description = "ExceptionList YAML (the file watch uses): covered findings are shown as suppressed, "
                    + "do not fail --fail-on and are named with owner and expiry in reports; expired entries no "
                    + "longer apply")
    Path file;

    @Option(
            names = "--exception-annotations",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "apply the vigil.io/exempt annotations of audited manifests (with reason, owner and expiry) "
                    + "as exceptions; on by default (watch never applies them)")
    boolean annotations = true;

    Path file() {
        return file;
    }

    boolean annotations() {
        return annotations;
    }
}
