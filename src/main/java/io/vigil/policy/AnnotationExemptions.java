package io.vigil.policy;

import io.vigil.model.KubeObject;
import io.vigil.model.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Exemptions written on the object itself, as kubeaudit, Polaris and kube-score allow, under the governance of
 * DESIGN §6: {@code vigil.io/exempt: <check-id>[,<check-id>]} needs {@code vigil.io/exempt-reason},
 * {@code vigil.io/exempt-owner} and {@code vigil.io/exempt-expires}. Each becomes an {@link ExceptionEntry} scoped
 * to exactly that object, so it suppresses (never hides) findings like an exception file's entry; an annotation
 * set missing one of them is an error naming the object, and its findings stay open.
 */
public final class AnnotationExemptions {
    public static final String EXEMPT = "vigil.io/exempt";
    public static final String REASON = "vigil.io/exempt-reason";
    public static final String OWNER = "vigil.io/exempt-owner";
    public static final String EXPIRES = "vigil.io/exempt-expires";
    /** Entry ids start with this, so reports and outputs show where the exemption was written. */
    public static final String ID_PREFIX = "annotation:";

    private AnnotationExemptions() {}

    /** The entries and the rejected annotation sets of some objects. */
    public record Result(List<ExceptionEntry> entries, List<ExceptionProblem> errors, List<ExceptionProblem> warnings) {
        public Result {
            entries = List.copyOf(entries);
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    public static Result read(List<KubeObject> objects, Set<String> knownCheckIds, Instant now) {
        List<ExceptionEntry> entries = new ArrayList<>();
        List<ExceptionProblem> errors = new ArrayList<>();
        List<ExceptionProblem> warnings = new ArrayList<>();
        for (KubeObject o : objects) {
            String exempt = o.annotation(EXEMPT);
            if (exempt == null) {
                continue;
            }
            String subject = o.ref().display();
            String file = o.source() == null ? "<cluster>" : o.source().file();
            int line = o.source() == null ? 0 : o.source().line();
            List<String> missing = new ArrayList<>();
            String reason = required(o, REASON, missing);
            String owner = required(o, OWNER, missing);
            String expiresText = required(o, EXPIRES, missing);
            if (!missing.isEmpty()) {
                errors.add(new ExceptionProblem(
                        file,
                        line,
                        subject,
                        EXEMPT + " needs " + String.join(", ", missing) + "; its findings stay open"));
                continue;
            }
            Instant expires = ExceptionLoader.parseExpiry(expiresText);
            if (expires == null) {
                errors.add(new ExceptionProblem(
                        file,
                        line,
                        subject,
                        EXPIRES + " must be an RFC 3339 timestamp (2026-06-30T12:00:00Z) or a date (2026-06-30), got \""
                                + expiresText + "\"; its findings stay open"));
                continue;
            }
            for (String raw : exempt.split(",")) {
                String check = raw.strip();
                if (check.isEmpty()) {
                    continue;
                }
                if (!knownCheckIds.contains(check)) {
                    errors.add(new ExceptionProblem(
                            file,
                            line,
                            subject,
                            EXEMPT + " names unknown check \"" + check + "\" (see 'vigil checks')"));
                    continue;
                }
                ExceptionEntry entry = new ExceptionEntry(
                        ID_PREFIX + subject.replace(' ', '/') + ":" + check,
                        check,
                        exactly(o),
                        reason,
                        owner,
                        null,
                        expires,
                        o.source() == null ? null : new SourceLocation(file, line));
                if (!entry.activeAt(now)) {
                    warnings.add(new ExceptionProblem(
                            file,
                            line,
                            subject,
                            EXEMPT + " of " + check + " expired at " + expires + ": its findings are open again"));
                }
                entries.add(entry);
            }
        }
        return new Result(entries, errors, warnings);
    }

    private static String required(KubeObject o, String annotation, List<String> missing) {
        String v = o.annotation(annotation);
        if (v == null || v.isBlank()) {
            missing.add(annotation);
            return null;
        }
        return v.strip();
    }

    /** This object and no other: its namespace (cluster-scoped: none), kind key and name, as literals. */
    private static ExceptionScope exactly(KubeObject o) {
        String ns = ExceptionScope.effectiveNamespace(o.ref());
        return new ExceptionScope(
                ns.isEmpty() ? null : new Glob(ns),
                new Glob(io.vigil.model.Kinds.key(o.ref().group(), o.ref().kind())),
                new Glob(o.name()));
    }
}
