package io.vigil.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a key/value pair (an env var, a ConfigMap entry) holds a secret, and says why in words
 * that never include the value. Three signals, strongest first: a value with a known credential shape
 * (private-key block, cloud/SaaS token, JWT, URL with a password); a credential-like key name with a
 * real-looking value; a long random-looking token. Public material (certificates, public keys) is never
 * secret, and a credential-like name whose value is plainly not a secret (empty, a variable reference,
 * a boolean, a number or duration, a file path, a URL without credentials) is not flagged, so
 * {@code TOKEN_TTL: "3600"} or {@code PASSWORD_FILE: /run/secrets/db} stay quiet.
 */
public final class SecretDetector {
    /** The shortest single token the entropy rule looks at. */
    static final int MIN_RANDOM_LENGTH = 20;
    /** Bits per character a random-looking token needs (lowered for short tokens, whose maximum is log2(n)). */
    static final double MIN_ENTROPY = 4.0;
    /** Share of adjacent characters that switch class (upper/lower/digit/symbol): ~0.6 when random, ~0.2 in words. */
    static final double MIN_CLASS_SWITCHES = 0.35;

    private static final Set<String> SECRET_WORDS = Set.of(
            "password",
            "passwords",
            "passwd",
            "pwd",
            "pass",
            "passphrase",
            "secret",
            "secrets",
            "token",
            "tokens",
            "apikey",
            "apikeys",
            "credential",
            "credentials",
            "creds",
            "privatekey",
            "secretkey",
            "accesskey");
    /** Compound lower-case words ending in one of these are credential names too (accesstoken, dbpassword). */
    private static final List<String> SECRET_SUFFIXES = List.of(
            "password",
            "passwd",
            "secret",
            "token",
            "apikey",
            "privatekey",
            "secretkey",
            "accesskey",
            "credentials",
            "passphrase");
    /** Trailing words that say "the secret itself, encoded": stripped before looking at the last word. */
    private static final Set<String> VALUE_WORDS = Set.of(
            "content",
            "contents",
            "data",
            "value",
            "material",
            "string",
            "str",
            "b64",
            "base64",
            "pem",
            "hex",
            "raw",
            "base");
    /** A "key" preceded by one of these names a data-structure or public key, not a credential. */
    private static final Set<String> NON_SECRET_KEY_KINDS = Set.of(
            "public",
            "pub",
            "partition",
            "sort",
            "cache",
            "routing",
            "idempotency",
            "foreign",
            "primary",
            "lookup",
            "index",
            "hash",
            "shard",
            "dedup",
            "group",
            "label",
            "map",
            "object",
            "bucket",
            "feature",
            "translation",
            "message",
            "metric",
            "row",
            "range",
            "composite",
            "unique",
            "natural",
            "surrogate",
            "hot",
            "dict");

    private static final Set<String> BOOLEAN_WORDS = Set.of(
            "true",
            "false",
            "yes",
            "no",
            "on",
            "off",
            "enabled",
            "disabled",
            "enable",
            "disable",
            "none",
            "null",
            "nil",
            "required",
            "optional");
    /** Keys holding certificates or public keys by name (the cluster CA bundle, *.crt, *.pub). */
    private static final Pattern PUBLIC_FILE_NAME = Pattern.compile("(?i)kube-root-ca\\.crt|.*\\.(crt|cert|pub)");

    private static final Pattern PRIVATE_KEY = Pattern.compile("-{3,}\\s*BEGIN [A-Z0-9 ]*PRIVATE KEY");
    private static final Pattern GCP_SERVICE_ACCOUNT_KEY = Pattern.compile("\"private_key\"\\s*:\\s*\"-{3,}\\s*BEGIN");
    private static final Pattern PUBLIC_BLOCK = Pattern.compile(
            "-{3,}\\s*BEGIN (CERTIFICATE|TRUSTED CERTIFICATE"
                    + "|X509 CRL|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK"
                    + "|SSH2 PUBLIC KEY)\\s*-{3,}.*?-{3,}\\s*END [A-Z0-9 ]+?\\s*-{3,}",
            Pattern.DOTALL);
    private static final Pattern SSH_PUBLIC_KEY = Pattern.compile(
            "^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp\\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com) AAAA");
    private static final Map<String, Pattern> VALUE_PATTERNS = valuePatterns();
    private static final Pattern CREDENTIAL_URL =
            Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.\\-]*://[^/\\s:@]*:([^/\\s@]+)@[^\\s/@]+");
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.\\-]*://\\S*$");
    private static final Pattern ASSIGNMENT =
            Pattern.compile("([A-Za-z][A-Za-z0-9_.\\-]*)[\"']?[ \\t]*[:=][ \\t]*[\"']?([^\\s\"',;&]*)");
    private static final Pattern NUMBER_OR_DURATION =
            Pattern.compile("^-?\\d+(\\.\\d+)?((ns|us|\u00b5s|ms|s|m|h|d|w|y)|([kKMGTP]i?)?)$");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)|\\$\\{[^}]*}");
    private static final Pattern TOKEN_CHARS = Pattern.compile("^[A-Za-z0-9+/=_\\-]+$");
    private static final Pattern HEX_OR_UUID = Pattern.compile("^[0-9a-fA-F\\-]+$");
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    private static final Pattern WORD_SEPARATOR = Pattern.compile("[^A-Za-z0-9]+");

    private SecretDetector() {}

    /** Every value shape by the phrase its reason uses: a test holds a firing case and a near miss for each. */
    public static List<String> valueShapes() {
        List<String> shapes = new ArrayList<>(List.of("a GCP service account key", "a private key block"));
        shapes.addAll(VALUE_PATTERNS.keySet());
        shapes.addAll(List.of(
                "a URL with an embedded password", AuthorizationCredentials.BEARER, AuthorizationCredentials.BASIC));
        return List.copyOf(shapes);
    }

    private static Map<String, Pattern> valuePatterns() {
        Map<String, Pattern> p = new LinkedHashMap<>();
        p.put("an AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"));
        p.put("a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"));
        p.put("a GitLab token", Pattern.compile("\\bglpat-[0-9A-Za-z_\\-]{20,}"));
        p.put("a Slack token", Pattern.compile("\\bxox[baprs]-[A-Za-z0-9\\-]{10,}"));
        p.put(
                "a Slack webhook URL",
                Pattern.compile("hooks\\.slack\\.com/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/" + "[A-Za-z0-9]+"));
        p.put("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}"));
        p.put("a Stripe live key", Pattern.compile("\\b[rs]k_live_[0-9a-zA-Z]{20,}"));
        p.put("an npm token", Pattern.compile("\\bnpm_[A-Za-z0-9]{36}\\b"));
        // PyPI API tokens are macaroons whose base64 starts with the issuing index (pypi.org, test.pypi.org)
        p.put("a PyPI token", Pattern.compile("\\bpypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\\-]{50,}"));
        // an Azure storage account key is 64 random bytes: 86 base64 characters and "=="
        p.put(
                "an Azure storage account key",
                Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])"));
        p.put(
                "a JSON Web Token",
                Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\." + "[A-Za-z0-9_\\-]{8,}"));
        return Collections.unmodifiableMap(p);
    }

    /**
     * Why this key/value pair looks like a secret, or empty. The reason never contains the value.
     *
     * @param name the env var name or ConfigMap key (may be null)
     * @param value the literal value (may be null)
     */
    public static Optional<String> inspect(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (GCP_SERVICE_ACCOUNT_KEY.matcher(value).find()) {
            return Optional.of("the value looks like a GCP service account key");
        }
        if (PRIVATE_KEY.matcher(value).find()) {
            return Optional.of("the value contains a private key block");
        }
        if (name != null && PUBLIC_FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String rest = withoutPublicMaterial(value);
        if (rest.isBlank()) {
            return Optional.empty();
        }
        Optional<String> shape = valueShape(rest);
        if (shape.isPresent()) {
            return shape;
        }
        if (isSecretName(name) && !isPlaceholder(rest)) {
            return Optional.of("its name suggests a credential");
        }
        return embeddedCredential(rest);
    }

    /** Value-only signals: known credential shapes, then a random-looking token. */
    static Optional<String> valueShape(String value) {
        for (Map.Entry<String, Pattern> e : VALUE_PATTERNS.entrySet()) {
            if (e.getValue().matcher(value).find()) {
                return Optional.of("the value looks like " + e.getKey());
            }
        }
        if (hasUrlPassword(value)) {
            return Optional.of("the value is a URL with an embedded password");
        }
        Optional<String> authorization = AuthorizationCredentials.find(value);
        if (authorization.isPresent()) {
            return Optional.of("the value contains " + authorization.get());
        }
        if (looksRandom(value.trim())) {
            return Optional.of("the value is a long random-looking string");
        }
        return Optional.empty();
    }

    /** A credential-like name: its last meaningful word is password, token, secret, api key... */
    public static boolean isSecretName(String name) {
        List<String> words = words(name);
        while (words.size() > 1 && VALUE_WORDS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty()) {
            return false;
        }
        String last = words.get(words.size() - 1);
        if (SECRET_WORDS.contains(last) || SECRET_SUFFIXES.stream().anyMatch(last::endsWith)) {
            return true;
        }
        if ((last.equals("key") || last.equals("keys")) && words.size() > 1) {
            String kind = words.get(words.size() - 2);
            return kind.length() > 1 && !NON_SECRET_KEY_KINDS.contains(kind);
        }
        return false;
    }

    /** Lower-case words of a name: split on non-alphanumerics and camelCase boundaries. */
    public static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        for (String part : WORD_SEPARATOR.split(name)) {
            for (String word : CAMEL_BOUNDARY.split(part)) {
                if (!word.isEmpty()) {
                    out.add(word.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /**
     * A value that is plainly not a secret even under a credential-like name: a variable reference, a
     * boolean, a number or duration, a file path, or a URL without credentials.
     */
    static boolean isPlaceholder(String value) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        return v.isEmpty()
                || v.startsWith("$")
                || v.startsWith("{{")
                || REFERENCE.matcher(v).find()
                || BOOLEAN_WORDS.contains(lower)
                || NUMBER_OR_DURATION.matcher(v).matches()
                || v.startsWith("/")
                || v.startsWith("./")
                || v.startsWith("../")
                || v.startsWith("~/")
                || lower.startsWith("file:")
                || (URL.matcher(v).matches() && !hasUrlPassword(v));
    }

    /** The value minus certificates and public keys (PEM blocks, SSH public key lines): shared on purpose. */
    static String withoutPublicMaterial(String value) {
        String rest = PUBLIC_BLOCK.matcher(value).replaceAll("");
        StringBuilder out = new StringBuilder();
        for (String line : rest.split("\n")) {
            if (!SSH_PUBLIC_KEY.matcher(line.trim()).find()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    static boolean hasUrlPassword(String value) {
        Matcher m = CREDENTIAL_URL.matcher(value);
        while (m.find()) {
            String password = m.group(1);
            if (!isPlaceholder(password) && !password.chars().allMatch(c -> c == '*' || c == 'x' || c == 'X')) {
                return true;
            }
        }
        return false;
    }

    /**
     * One long token (no spaces, dots or colons) of base64/base62 characters with letters and digits,
     * frequent switches between character classes and high Shannon entropy. Hex strings and UUIDs (digests,
     * commit ids, identifiers) are left out: they are ids far more often than credentials.
     */
    public static boolean looksRandom(String v) {
        if (v.length() < MIN_RANDOM_LENGTH
                || v.length() > 4096
                || !TOKEN_CHARS.matcher(v).matches()
                || HEX_OR_UUID.matcher(v).matches()) {
            return false;
        }
        boolean digit = v.chars().anyMatch(Character::isDigit);
        boolean upper = v.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        boolean lower = v.chars().anyMatch(c -> c >= 'a' && c <= 'z');
        if (!digit || !(upper && lower)) {
            return false;
        }
        double needed = Math.min(MIN_ENTROPY, log2(v.length()) - 0.7);
        return classSwitches(v) >= MIN_CLASS_SWITCHES && entropy(v) >= needed;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        s.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
        double bits = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            bits -= p * log2(p);
        }
        return bits;
    }

    static double classSwitches(String s) {
        int switches = 0;
        for (int i = 1; i < s.length(); i++) {
            if (charClass(s.charAt(i)) != charClass(s.charAt(i - 1))) {
                switches++;
            }
        }
        return s.length() < 2 ? 0 : (double) switches / (s.length() - 1);
    }

    private static int charClass(char c) {
        if (c >= 'A' && c <= 'Z') {
            return 0;
        }
        if (c >= 'a' && c <= 'z') {
            return 1;
        }
        return c >= '0' && c <= '9' ? 2 : 3;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * A credential assigned inside a larger value: a config file line ({@code password: x},
     * {@code db.password=x}, {@code "token": "x"}), a JVM flag ({@code -Ddb.password=x}) or a connection
     * string ({@code AccountKey=x;}). Comment lines are skipped.
     */
    static Optional<String> embeddedCredential(String value) {
        for (String line : value.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || trimmed.startsWith(";") || trimmed.startsWith("//")) {
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(line);
            while (m.find()) {
                String setting = jvmProperty(line, m.start(1), m.group(1));
                String assigned = m.group(2);
                if (!assigned.isEmpty() && isSecretName(setting) && !isPlaceholder(assigned)) {
                    return Optional.of("it sets " + setting + " to a literal credential");
                }
            }
        }
        return Optional.empty();
    }

    /** {@code -Dname=value}: the property is {@code name}, not {@code Dname}. */
    private static String jvmProperty(String line, int start, String setting) {
        boolean flag = start > 0 && line.charAt(start - 1) == '-' && setting.length() > 1 && setting.charAt(0) == 'D';
        return flag ? setting.substring(1) : setting;
    }

    /** File names of key material whatever their content: SSH private keys, keystores. */
    public static boolean isKeyFileName(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.matches("(.*[/._-])?id_(rsa|dsa|ecdsa|ed25519)")
                || n.endsWith(".p12")
                || n.endsWith(".pfx")
                || n.endsWith(".jks")
                || n.endsWith(".keystore")
                || n.endsWith(".kdbx");
    }
}
