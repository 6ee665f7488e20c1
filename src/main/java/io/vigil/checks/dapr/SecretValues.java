package io.vigil.checks.dapr;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a Dapr component metadata entry holds a secret (CHECKS.md "secret-looking"): by its name
 * (password, token, secret, connection string, access/account/master keys, any name ending in "key" but
 * public keys and lookup keys such as partitionKey) or by its value (private-key blocks, cloud and SaaS token
 * formats, connection strings or URLs carrying a password, long high-entropy strings). Names that describe a
 * secret rather than hold one ({@code tokenURL}, {@code secretName}, {@code passwordFile}) are not secret;
 * their values are still judged by shape.
 */
final class SecretValues {
    private static final List<String> SECRET_NAME_PARTS = List.of(
            "password",
            "passwd",
            "passphrase",
            "secret",
            "token",
            "apikey",
            "privatekey",
            "credential",
            "connectionstring",
            "accesskey",
            "accountkey",
            "masterkey",
            "signingkey",
            "clientkey",
            "authkey");
    private static final List<String> DESCRIPTIVE_SUFFIXES = List.of(
            "url",
            "uri",
            "endpoint",
            "path",
            "file",
            "filename",
            "name",
            "ttl",
            "timeout",
            "seconds",
            "header",
            "type",
            "id",
            "enabled",
            "mode",
            "format",
            "field",
            "prefix",
            "length",
            "size",
            "count",
            "version",
            "region",
            "audience",
            "issuer",
            "host",
            "port",
            "ref",
            "store",
            "duration",
            "interval");
    private static final Set<String> LOOKUP_KEY_NAMES = Set.of(
            "partitionkey",
            "routingkey",
            "sortkey",
            "rowkey",
            "hashkey",
            "rangekey",
            "messagekey",
            "idkey",
            "tablekey",
            "cachekey",
            "querykey",
            "key");
    private static final List<Pattern> SECRET_SHAPES = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{22,}"),
            Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}"),
            Pattern.compile("\\bsk_live_[0-9A-Za-z]{16,}"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+"),
            Pattern.compile("(?i)(password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\\s*=\\s*[^;\\s]+"),
            Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"));
    private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9+/=_\\-]{32,}");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SecretValues() {}

    static boolean isSecret(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return secretName(name) || secretShape(value.trim());
    }

    static boolean secretName(String name) {
        if (name == null) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (n.contains("public") || DESCRIPTIVE_SUFFIXES.stream().anyMatch(n::endsWith)) {
            return false;
        }
        if (SECRET_NAME_PARTS.stream().anyMatch(n::contains)) {
            return true;
        }
        return n.endsWith("key") && !LOOKUP_KEY_NAMES.contains(n);
    }

    static boolean secretShape(String value) {
        if (value.contains("-----BEGIN") && !value.contains("PRIVATE KEY")) {
            return false;
        }
        if (SECRET_SHAPES.stream().anyMatch(p -> p.matcher(value).find())) {
            return true;
        }
        return highEntropy(value);
    }

    private static boolean highEntropy(String value) {
        if (!TOKEN_CHARS.matcher(value).matches() || UUID.matcher(value).matches()) {
            return false;
        }
        boolean letter = value.chars().anyMatch(Character::isLetter);
        boolean digit = value.chars().anyMatch(Character::isDigit);
        return letter && digit && entropy(value) >= 3.5;
    }

    /** Shannon entropy in bits per character. */
    private static double entropy(String s) {
        int[] counts = new int[128];
        for (char c : s.toCharArray()) {
            counts[c & 0x7f]++;
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / s.length();
                bits -= p * (Math.log(p) / Math.log(2));
            }
        }
        return bits;
    }
}
