package io.vigil.http;

/** RFC 3986 §2.1: every {@code %} in a request path starts a two-hex-digit escape. */
final class PercentEncoding {
    private PercentEncoding() {}

    static boolean isValid(String path) {
        if (path == null) {
            return true;
        }
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
