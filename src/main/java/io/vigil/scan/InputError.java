package io.vigil.scan;

/** A problem with the input, reported as {@code file:line: reason}; line 0 means the whole file. */
public record InputError(String file, int line, String reason) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }
}
