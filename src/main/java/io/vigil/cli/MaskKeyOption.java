package io.vigil.cli;

import io.vigil.config.MaskKeyFile;
import io.vigil.model.Finding;
import io.vigil.model.Masking;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** {@code --mask-key-file} of the commands that evaluate locally (scan, baseline capture, report). */
public final class MaskKeyOption {
    private static final Pattern UNKEYED = Pattern.compile("<masked len=\\d+>");

    @Option(
            names = "--mask-key-file",
            paramLabel = "FILE",
            description = "key of the HMAC in masked secret values (the secrets.maskKeyFile of your Vigil);"
                    + " without it masks show only the length")
    Path file;

    /** The masking of this run; a bad key file is a usage error naming the file. */
    public Masking masking() {
        if (file == null) {
            return Masking.unkeyed();
        }
        try {
            return MaskKeyFile.read(file);
        } catch (MaskKeyFile.Invalid e) {
            throw new UserError("--mask-key-file: " + e.getMessage());
        }
    }

    /** Says once, when this run printed masks without a key, that they cannot be correlated. */
    public void noteUnkeyed(PrintWriter err, Stream<String> shown) {
        if (file == null && shown.anyMatch(v -> v != null && UNKEYED.matcher(v).find())) {
            err.println("vigil: note: masked values show only their length (no --mask-key-file): equal secrets"
                    + " cannot be correlated");
            err.flush();
        }
    }

    /** The values of findings in which a mask can appear. */
    public static Stream<String> shownValues(Collection<Finding> findings) {
        return findings.stream().flatMap(f -> Stream.of(f.observed(), f.message()));
    }
}
