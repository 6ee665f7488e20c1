package io.vigil.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Secret values never leave Vigil; this is the only form in which they are shown. */
public final class Masking {
    private Masking() {}

    public static String mask(String secret) {
        String value = secret == null ? "" : secret;
        return "<masked len=" + value.length() + " sha256=" + sha256Hex(value).substring(0, 8) + ">";
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
