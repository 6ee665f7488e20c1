package io.vigil.baseline;

import io.vigil.scan.InputError;

/**
 * Something wrong with a baseline file, printed as {@code file:line: entry: reason}
 * ({@code baseline.yaml:42: fingerprints[3]: missing sha256}). A fatal problem leaves no usable baseline
 * (not YAML, unsupported apiVersion); any other costs at most the entry it names.
 *
 * @param line  1-based; 0 when the problem concerns the whole file
 * @param entry the entry ({@code findings[2]}, {@code metadata}, {@code digest}); null for the whole file
 */
public record BaselineProblem(String file, int line, String entry, String reason, boolean fatal) {
    public String describe() {
        return (entry == null ? "" : entry + ": ") + reason;
    }

    /** The same problem in the form scan reports its input errors. */
    public InputError toInputError() {
        return new InputError(file, line, describe());
    }

    @Override
    public String toString() {
        return (line > 0 ? file + ":" + line : file) + ": " + describe();
    }
}
