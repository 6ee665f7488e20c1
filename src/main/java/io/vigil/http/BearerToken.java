package io.vigil.http;

import java.util.Locale;

/** The credential of an {@code Authorization: Bearer} header (RFC 6750 §2.1; the scheme is case-insensitive, RFC 7235 §2.1). */
final class BearerToken {
    private static final String SCHEME = "bearer";

    private BearerToken() {}

    /** The presented token, or "" when the header is absent or of another scheme. */
    static String from(String header) {
        if (header == null) {
            return "";
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space != SCHEME.length()
                || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return "";
        }
        return value.substring(space).strip();
    }
}
