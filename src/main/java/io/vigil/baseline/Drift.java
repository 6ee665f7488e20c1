package io.vigil.baseline;

import io.vigil.check.Violation;
import io.vigil.model.ResourceRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a fingerprinted object differs from the baseline: created since (not in it), changed (the fields
 * named) or deleted. The evidence ({@link #violation()}) is a pure function of this difference, so the
 * finding is CHANGED exactly when the changed fields or their values change, and never for anything else
 * (no resourceVersion, no time).
 */
public record Drift(Type type, ResourceRef resource, List<FieldChange> changes) {
    /** The fixed, object-level path of every baseline-drift finding. */
    public static final String PATH = "metadata";

    public enum Type {
        CREATED,
        CHANGED,
        DELETED
    }

    public Drift {
        changes = List.copyOf(changes);
    }

    /** The names of the fields that differ. */
    public List<String> fields() {
        return changes.stream().map(FieldChange::field).toList();
    }

    public Violation violation() {
        String what = resource.display();
        return switch (type) {
            case CHANGED ->
                Violation.of(
                        PATH,
                        join(c -> c.field() + "=" + FieldChange.orAbsent(c.current())),
                        join(c -> c.field() + "=" + FieldChange.orAbsent(c.baseline())),
                        what + " differs from the baseline: "
                                + changes.stream().map(FieldChange::describe).collect(Collectors.joining("; ")));
            case CREATED ->
                Violation.of(
                        PATH,
                        changes.isEmpty() ? "created" : "created: " + join(c -> c.field() + "=" + c.current()),
                        "absent (not in the baseline)",
                        what + " was created after the baseline was captured"
                                + (changes.isEmpty() ? "" : " (" + String.join(", ", fields()) + ")"));
            case DELETED ->
                Violation.of(
                        PATH,
                        "deleted",
                        changes.isEmpty() ? "present" : "present: " + join(c -> c.field() + "=" + c.baseline()),
                        what + " was deleted since the baseline was captured");
        };
    }

    private String join(java.util.function.Function<FieldChange, String> f) {
        return changes.stream().map(f).collect(Collectors.joining("; "));
    }
}
