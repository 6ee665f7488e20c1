package io.vigil.policy;

/**
 * A problem found while loading an exception file, printed as
 * {@code exceptions.yaml:12: exceptions[2] (id "legacy-hostpath"): missing owner}.
 *
 * @param line    1-based; 0 when the problem concerns the whole file
 * @param subject which entry ({@code exceptions[2] (id "x")}); null for file-level problems
 */
public record ExceptionProblem(String file, int line, String subject, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (subject == null ? "" : subject + ": ") + message;
    }
}
