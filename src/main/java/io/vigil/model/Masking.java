package io.vigil.model;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret values never leave Vigil; {@link #mask} is the only form in which they are shown (DESIGN §3). Keyed, a
 * mask carries the first 8 hex of HMAC-SHA256 under the installation's key: equal values correlate within one
 * installation, and nobody without the key can confirm a guessed value from a report or a Kafka record (an
 * unsalted hash would let them). Unkeyed, it shows only the length. The key bytes are handed in; this class
 * reads no file.
 */
public final class Masking {
    /** Shorter keys make the HMAC guessable; 16 bytes is the floor RFC 2104 §3 suggests for SHA-256 (L/2). */
    public static final int MIN_KEY_BYTES = 16;

    private static final String HMAC = "HmacSHA256";
    private static final Masking UNKEYED = new Masking(null);

    private final byte[] key;

    private Masking(byte[] key) {
        this.key = key;
    }

    /** Masks with an HMAC under {@code key} (at least {@link #MIN_KEY_BYTES} bytes; copied). */
    public static Masking keyed(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a mask key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        return new Masking(key.clone());
    }

    /** Masks that show only the length: values cannot be correlated. */
    public static Masking unkeyed() {
        return UNKEYED;
    }

    public boolean isKeyed() {
        return key != null;
    }

    /** {@code <masked len=N hmac=XXXXXXXX>}, or {@code <masked len=N>} without a key. */
    public String mask(String secret) {
        String value = secret == null ? "" : secret;
        if (key == null) {
            return lengthOnly(value);
        }
        return "<masked len=" + value.length() + " hmac=" + hmacHex(value).substring(0, 8) + ">";
    }

    /**
     * {@code <masked len=N>}: for configuration output and errors, which must never carry anything derived from
     * the secret beyond its length.
     */
    public static String lengthOnly(String secret) {
        return "<masked len=" + (secret == null ? 0 : secret.length()) + ">";
    }

    private String hmacHex(String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /**
     * One SHA-256 instance per thread: a provider look-up per finding id showed in the first full evaluation's
     * profile (issue 13); {@code digest()} resets the instance for the next use.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    /** A digest of non-secret text (ids, canonical documents). */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Masking other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return key == null ? "Masking[unkeyed]" : "Masking[keyed]";
    }
}
