package io.vigil.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A change of the audited configuration (the baseline, the exceptions) as DESIGN §6 records it: what
 * changed, the digest before (null on the first load) and after, when, and readable details
 * ({@code exception ex-42 added}). The digest is opaque here: whatever the baseline code computes over the
 * whole configuration. {@code changed} iterates in declaration order.
 */
public record ConfigChange(
        Set<Part> changed, String digestBefore, String digestAfter, Instant time, List<String> details) {
    /** The parts of the configuration whose change is recorded. */
    public enum Part {
        BASELINE,
        EXCEPTIONS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ConfigChange {
        Objects.requireNonNull(changed, "changed");
        if (changed.isEmpty()) {
            throw new IllegalArgumentException("a configuration change names at least one changed part");
        }
        changed = Collections.unmodifiableSet(EnumSet.copyOf(changed));
        if (digestAfter == null || digestAfter.isBlank() || digestAfter.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("digestAfter must be a non-blank digest without spaces: " + digestAfter);
        }
        Objects.requireNonNull(time, "time");
        details = details == null ? List.of() : List.copyOf(details);
    }
}
