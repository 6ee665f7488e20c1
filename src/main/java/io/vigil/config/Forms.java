package io.vigil.config;

import java.util.regex.Pattern;

/**
 * The syntactic forms settings must take. Each check throws {@link IllegalArgumentException} with a
 * message that says what was expected, so the binder can report it against the setting.
 */
final class Forms {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?]");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Forms() {}

    /** Kubernetes names (namespaces), and the cluster name, which ends up in ids and Kafka's transactional id. */
    static String dnsLabel(String t) {
        if (t.length() > 63 || !DNS_LABEL.matcher(t).matches()) {
            throw new IllegalArgumentException(
                    Binder.shown(t)
                            + " is not a DNS-1123 label (lower-case letters, digits and '-', at most 63, alphanumeric at both ends)");
        }
        return t;
    }

    static int port(String t) {
        int port;
        try {
            port = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Binder.shown(t) + " is not a port (0-65535)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(t + " is not a port (0-65535)");
        }
        return port;
    }

    /** {@code host:port}, {@code [v6]:port}; Kafka needs the port, so it is not optional. */
    static String hostPort(String t) {
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1 || t.contains("://")) {
            throw new IllegalArgumentException(Binder.shown(t) + " is not host:port");
        }
        String host = t.substring(0, colon);
        String portText = t.substring(colon + 1);
        if (!HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException(
                    Binder.shown(t) + ": " + Binder.shown(host) + " is not a host name or address");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    Binder.shown(t) + ": " + Binder.shown(portText) + " is not a port (1-65535)");
        }
        return t;
    }

    /** Kafka's own rule for topic names. */
    static String topic(String t) {
        if (t.length() > 249 || !TOPIC.matcher(t).matches() || t.equals(".") || t.equals("..")) {
            throw new IllegalArgumentException(
                    Binder.shown(t) + " is not a Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
        }
        return t;
    }

    static String propertyName(String t) {
        if (!PROPERTY.matcher(t).matches()) {
            throw new IllegalArgumentException(Binder.shown(t) + " is not a Kafka client property name");
        }
        return t;
    }

    /** {@code namespace/name} of a ConfigMap. */
    static VigilConfig.ConfigMapRef configMap(String t) {
        int slash = t.indexOf('/');
        if (slash < 0 || t.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException(Binder.shown(t) + " is not namespace/name");
        }
        String namespace = t.substring(0, slash);
        String name = t.substring(slash + 1);
        if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    Binder.shown(t) + ": " + Binder.shown(namespace) + " is not a namespace name");
        }
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    Binder.shown(t) + ": " + Binder.shown(name) + " is not a ConfigMap name");
        }
        return new VigilConfig.ConfigMapRef(namespace, name);
    }

    /** An image reference prefix: what {@code image-untrusted-registry} compares against. */
    static String registryPrefix(String t) {
        if (t.contains("://") || t.chars().anyMatch(Character::isWhitespace) || t.contains("@")) {
            throw new IllegalArgumentException(Binder.shown(t)
                    + " is not an image registry or repository prefix (e.g. ghcr.io/acme/; no scheme, no digest)");
        }
        return t;
    }

    static String host(String t) {
        if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(Binder.shown(t) + " is not a host name or address");
        }
        return t;
    }
}
