package io.vigil.config;

import io.vigil.model.Masking;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value that cannot leak by accident: {@link #toString()} shows only its length (no hash: a hash of a
 * token in a log would let anyone confirm a guess), so a logged
 * config, a record's toString or an error message never carries it. Callers must ask for it by name.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public String reveal() {
        return value;
    }

    /** Constant-time, so a bearer-token check does not leak the token through timing. */
    public boolean matches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && matches(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return Masking.lengthOnly(value);
    }
}
