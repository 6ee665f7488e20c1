package io.vigil.model;

/**
 * The secret detector of the secrets family for other parts of Vigil (the baseline masks secret-looking
 * values in the fingerprints it stores): whether a name/value pair looks like a credential.
 */
public final class SecretLooking {
    private SecretLooking() {}

    /** True when {@code value}, held under {@code name} (may be null), looks like a secret (CHECKS.md). */
    public static boolean isSecret(String name, String value) {
        return SecretDetector.inspect(name, value).isPresent();
    }
}
