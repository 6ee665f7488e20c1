package io.vigil.policy;

import java.util.List;

/**
 * What loading an exception file yields: the valid entries (they apply even when others are rejected), the
 * errors (each rejected entry or file-level problem) and the warnings (entries that load but deserve a look,
 * such as already-expired ones).
 */
public record LoadResult(ExceptionSet exceptions, List<ExceptionProblem> errors, List<ExceptionProblem> warnings) {
    public LoadResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
