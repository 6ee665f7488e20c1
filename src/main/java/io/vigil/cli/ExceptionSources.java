package io.vigil.cli;

import io.vigil.model.KubeObject;
import io.vigil.policy.AnnotationExemptions;
import io.vigil.policy.ExceptionEntry;
import io.vigil.policy.ExceptionLoader;
import io.vigil.policy.ExceptionProblem;
import io.vigil.policy.ExceptionSet;
import io.vigil.policy.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The exceptions a one-shot command applies: the exception file ({@code --exceptions}, loaded by the code
 * {@code watch} uses) and, when enabled, the {@code vigil.io/exempt} annotations of the audited objects. Every
 * rejected entry is named on stderr; the valid ones apply.
 */
final class ExceptionSources {
    private final ExceptionSet exceptions;
    private final boolean errors;

    private ExceptionSources(ExceptionSet exceptions, boolean errors) {
        this.exceptions = exceptions;
        this.errors = errors;
    }

    static ExceptionSources load(
            Path file,
            boolean annotations,
            List<KubeObject> objects,
            Set<String> knownCheckIds,
            Clock clock,
            PrintWriter err) {
        List<ExceptionEntry> entries = new ArrayList<>();
        boolean errors = false;
        if (file != null) {
            LoadResult loaded = new ExceptionLoader(knownCheckIds, clock).load(file);
            errors |= print(loaded.errors(), loaded.warnings(), err);
            entries.addAll(loaded.exceptions().entries());
        }
        if (annotations) {
            AnnotationExemptions.Result read = AnnotationExemptions.read(objects, knownCheckIds, clock.instant());
            errors |= print(read.errors(), read.warnings(), err);
            entries.addAll(read.entries());
        }
        return new ExceptionSources(ExceptionSet.of(entries), errors);
    }

    private static boolean print(List<ExceptionProblem> errors, List<ExceptionProblem> warnings, PrintWriter err) {
        errors.forEach(p -> err.println("vigil: " + p));
        warnings.forEach(p -> err.println("vigil: warning: " + p));
        return !errors.isEmpty();
    }

    ExceptionSet exceptions() {
        return exceptions;
    }

    /** Whether an entry was rejected (the exit is then 2). */
    boolean hasErrors() {
        return errors;
    }
}
