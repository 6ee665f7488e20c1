package io.vigil.check.support;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Digest validation as the OCI image spec (v1.1, "Digests") defines it: {@code algorithm ":" encoded}, and
 * for the registered algorithms an exact encoding. Uppercase hex matches the looser distribution grammar
 * but not the image spec, and registries answer such a reference with "manifest unknown": it pins nothing.
 */
public final class OciDigest {
    private static final Pattern FORM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    /** The registered algorithms and the length of their lowercase-hex encoding. */
    private static final Map<String, Integer> REGISTERED = Map.of("sha256", 64, "sha512", 128, "blake3", 64);

    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");
    private static final Pattern ANY_HEX = Pattern.compile("[a-fA-F0-9]+");

    private OciDigest() {}

    /** Why {@code digest} is not a valid, registered OCI digest; empty when it is one. Never throws. */
    public static Optional<String> problem(String digest) {
        if (digest == null || digest.isEmpty()) {
            return Optional.of("no digest");
        }
        if (!FORM.matcher(digest).matches()) {
            return Optional.of("'" + digest + "' is not of the form algorithm:encoded");
        }
        int colon = digest.indexOf(':');
        String algorithm = digest.substring(0, colon);
        String encoded = digest.substring(colon + 1);
        Integer length = REGISTERED.get(algorithm);
        if (length == null) {
            return Optional.of("algorithm " + algorithm + " is not registered by the OCI image spec"
                    + " (sha256, sha512, blake3)");
        }
        if (!LOWER_HEX.matcher(encoded).matches()) {
            return Optional.of(
                    ANY_HEX.matcher(encoded).matches()
                            ? algorithm
                                    + " digest uses uppercase hex; the OCI image spec requires lowercase, so it does"
                                    + " not pull"
                            : algorithm + " digest is not hex");
        }
        if (encoded.length() != length) {
            return Optional.of(algorithm + " digest has " + encoded.length() + " hex characters, not " + length);
        }
        return Optional.empty();
    }
}
