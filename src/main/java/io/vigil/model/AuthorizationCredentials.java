package io.vigil.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP {@code Authorization} credentials written out literally: {@code Bearer <token>} (RFC 6750's
 * b64token) and {@code Basic <base64 of user:password>} (RFC 7617). Prose and templates stay quiet: a
 * Bearer token must mix letters and digits ({@code Bearer authentication} is a phrase), a Basic one must
 * decode to {@code user:password} ({@code Basic realm="x"} is a challenge, not a credential), and
 * {@code Bearer ${TOKEN}} or {@code Bearer <token>} are no token at all.
 */
final class AuthorizationCredentials {
    static final String BEARER = "a Bearer token";
    static final String BASIC = "Basic credentials";

    private static final Pattern BEARER_TOKEN =
            Pattern.compile("\\bBearer[ \\t]+([A-Za-z0-9\\-._~+/]{12,}=*)(?![^\\s\"',;])");
    private static final Pattern BASIC_TOKEN =
            Pattern.compile("\\bBasic[ \\t]+([A-Za-z0-9+/]{8,}={0,2})(?![^\\s\"',;])");

    private AuthorizationCredentials() {}

    /** Which credential the value carries, as a phrase for the finding's reason; empty when none. */
    static Optional<String> find(String value) {
        Matcher bearer = BEARER_TOKEN.matcher(value);
        while (bearer.find()) {
            String token = bearer.group(1);
            if (token.chars().anyMatch(Character::isDigit) && token.chars().anyMatch(Character::isLetter)) {
                return Optional.of(BEARER);
            }
        }
        Matcher basic = BASIC_TOKEN.matcher(value);
        while (basic.find()) {
            if (isUserColonPassword(basic.group(1))) {
                return Optional.of(BASIC);
            }
        }
        return Optional.empty();
    }

    private static boolean isUserColonPassword(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon > 0 && colon < decoded.length() - 1 && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
