package io.vigil.check.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated references (seeded, so a failure reproduces) from the distribution reference grammar and the
 * OCI digest rules: the parser must recover exactly the parts the generator put together.
 */
class ImageRefPropertyTest {
    private static final long SEED = 20261203L;
    private static final int CASES = 400;
    private static final String HEX = "0123456789abcdef";
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** What the generator built; {@code host} null means Docker Hub. */
    record Generated(String host, String path, String tag, String algorithm, String encoded) {
        String reference() {
            return (host == null ? "" : host + "/")
                    + path
                    + (tag == null ? "" : ":" + tag)
                    + (algorithm == null ? "" : "@" + algorithm + ":" + encoded);
        }

        String expectedRegistry() {
            return host == null ? "docker.io" : host.toLowerCase(Locale.ROOT);
        }

        String expectedRepository() {
            return host == null && !path.contains("/") ? "library/" + path : path;
        }

        @Override
        public String toString() {
            return reference();
        }
    }

    static Stream<Generated> valid() {
        Random r = new Random(SEED);
        return IntStream.range(0, CASES).mapToObj(i -> generate(r));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void partsRoundTripAndValidDigestsPin(Generated g) {
        ImageRef ref = ImageRef.parse(g.reference()).orElseThrow();
        assertThat(ref.wellFormed()).isTrue();
        assertThat(ref.registry()).isEqualTo(g.expectedRegistry());
        assertThat(ref.repository()).isEqualTo(g.expectedRepository());
        assertThat(ref.tag()).isEqualTo(g.tag());
        assertThat(ref.digest()).isEqualTo(g.algorithm() == null ? null : g.algorithm() + ":" + g.encoded());
        assertThat(ref.isDigestPinned()).isEqualTo(g.algorithm() != null);
        assertThat(ref.digestProblem()).isEmpty();
        assertThat(ref.effectiveTag()).isEqualTo(g.tag() == null && g.algorithm() == null ? "latest" : g.tag());
    }

    static Stream<Generated> uppercased() {
        Random r = new Random(SEED + 1);
        return IntStream.range(0, CASES / 4).mapToObj(i -> {
            Generated g = withDigest(generate(r), r);
            char[] enc = g.encoded().toCharArray();
            int letter = firstLetter(enc);
            enc[letter] = Character.toUpperCase(enc[letter]);
            return new Generated(g.host(), g.path(), g.tag(), g.algorithm(), new String(enc));
        });
    }

    @ParameterizedTest
    @MethodSource("uppercased")
    void oneUppercaseHexDigitUnpins(Generated g) {
        ImageRef ref = ImageRef.parse(g.reference()).orElseThrow();
        assertThat(ref.isDigestPinned()).isFalse();
        assertThat(ref.digestProblem())
                .contains(g.algorithm() + " digest uses uppercase hex; the OCI image spec"
                        + " requires lowercase, so it does not pull");
        assertThat(ref.repository()).isEqualTo(g.expectedRepository());
    }

    static Stream<Generated> wrongLength() {
        Random r = new Random(SEED + 2);
        return IntStream.range(0, CASES / 4).mapToObj(i -> {
            Generated g = withDigest(generate(r), r);
            String enc = r.nextBoolean() ? g.encoded().substring(1) : g.encoded() + HEX.charAt(r.nextInt(16));
            return new Generated(g.host(), g.path(), g.tag(), g.algorithm(), enc);
        });
    }

    @ParameterizedTest
    @MethodSource("wrongLength")
    void aDigitTooFewOrTooManyUnpins(Generated g) {
        ImageRef ref = ImageRef.parse(g.reference()).orElseThrow();
        int wanted = g.algorithm().equals("sha512") ? 128 : 64;
        assertThat(ref.isDigestPinned()).isFalse();
        assertThat(ref.digestProblem())
                .contains(g.algorithm() + " digest has " + g.encoded().length() + " hex characters, not " + wanted);
    }

    static Stream<String> malformed() {
        return Stream.of(
                "Nginx:1.0", // uppercase path component
                "acme/API", // uppercase path component after the host
                "nginx:", // empty tag
                "nginx:-1", // a tag starts with a word character
                "nginx:" + "a".repeat(129), // a tag has at most 128 characters
                "acme//api", // empty path component
                "acme/api_", // a separator must be followed by alphanumerics
                "registry.local:port/api", // a port is digits
                "-host.io/api"); // a domain component starts with an alphanumeric
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void outsideTheGrammarIsNotWellFormed(String reference) {
        assertThat(ImageRef.parse(reference).orElseThrow().wellFormed()).isFalse();
    }

    private static Generated generate(Random r) {
        String host = switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> "localhost" + port(r);
            case 2 -> "[::1]" + port(r);
            default -> domain(r) + port(r);
        };
        String path = path(r, host == null && r.nextBoolean() ? 1 : 1 + r.nextInt(3));
        while (host == null
                && path.contains("/")
                && path.substring(0, path.indexOf('/')).contains(".")) {
            // Docker reads a first component with a dot as a registry host: not what this case generates
            path = path(r, 2);
        }
        String tag = r.nextInt(3) == 0 ? null : tag(r);
        Generated g = new Generated(host, path, tag, null, null);
        return r.nextBoolean() ? withDigest(g, r) : g;
    }

    private static Generated withDigest(Generated g, Random r) {
        String[] algorithms = {"sha256", "sha512", "blake3"};
        String algorithm = algorithms[r.nextInt(algorithms.length)];
        return new Generated(g.host(), g.path(), g.tag(), algorithm, hex(r, algorithm.equals("sha512") ? 128 : 64));
    }

    private static String domain(Random r) {
        List<String> parts = new ArrayList<>();
        int n = 2 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            String part = word(r, ALNUM, 1 + r.nextInt(6));
            if (part.length() > 2 && r.nextInt(4) == 0) {
                part = part.charAt(0) + "-" + part.substring(1);
            }
            parts.add(r.nextInt(5) == 0 ? part.toUpperCase(Locale.ROOT) : part);
        }
        return String.join(".", parts);
    }

    private static String port(Random r) {
        return r.nextBoolean() ? "" : ":" + (1 + r.nextInt(65535));
    }

    private static String path(Random r, int components) {
        String[] separators = {".", "_", "__", "-", "--"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < components; i++) {
            String c = word(r, ALNUM, 1 + r.nextInt(8));
            if (r.nextInt(3) == 0) {
                c += separators[r.nextInt(separators.length)] + word(r, ALNUM, 1 + r.nextInt(4));
            }
            parts.add(c);
        }
        return String.join("/", parts);
    }

    private static String tag(Random r) {
        String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        return word(r, first, 1) + word(r, first + ".-", r.nextInt(20));
    }

    private static String hex(Random r, int length) {
        String h = word(r, HEX, length);
        // a digest of digits only cannot show the uppercase case: keep at least one letter
        return h.chars().anyMatch(Character::isLetter) ? h : "a" + h.substring(1);
    }

    private static String word(Random r, String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static int firstLetter(char[] hex) {
        for (int i = 0; i < hex.length; i++) {
            if (Character.isLetter(hex[i])) {
                return i;
            }
        }
        throw new IllegalStateException("hex() keeps a letter");
    }
}
