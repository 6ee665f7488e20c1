package io.vigil.model;

/** Where a scanned object was read from: a file (or "-" for stdin) and a 1-based line. */
public record SourceLocation(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
