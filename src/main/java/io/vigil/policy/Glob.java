package io.vigil.policy;

import java.util.regex.Pattern;

/**
 * A shell-style pattern matched against a whole string: {@code *} any run of characters (also none),
 * {@code ?} exactly one character, everything else literal and case-sensitive.
 */
public final class Glob {
    private final String pattern;
    private final Pattern regex;

    public Glob(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        this.pattern = pattern;
        this.regex = compile(pattern);
    }

    public String pattern() {
        return pattern;
    }

    public boolean matches(String text) {
        return regex.matcher(text == null ? "" : text).matches();
    }

    private static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob g && g.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
