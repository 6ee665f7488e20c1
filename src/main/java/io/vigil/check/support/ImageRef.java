package io.vigil.check.support;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A container image reference split the way the container runtime reads it, with Docker Hub
 * normalisation applied: {@code nginx} is {@code docker.io/library/nginx}, {@code index.docker.io} is
 * {@code docker.io}. The first path segment is a registry host only when it contains a dot, a colon or an
 * uppercase letter, or is {@code localhost} (Docker's rule), so {@code acme/api} is a Docker Hub repository.
 * The digest is validated with the OCI image spec's rules ({@link OciDigest}), the rest with the
 * distribution reference grammar ({@link #wellFormed()}).
 *
 * @param original   the image string as written
 * @param registry   the registry host (lower case, port kept), e.g. {@code docker.io}, {@code ghcr.io}
 * @param repository the path below the registry, e.g. {@code library/nginx}, {@code acme/api}
 * @param tag        the tag, or null when none is written
 * @param digest     the digest after {@code @}, or null when none is written
 */
public record ImageRef(String original, String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Set<String> DOCKER_HUB_ALIASES =
            Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");
    /** The distribution reference grammar (distribution/reference regexp.go), digest loosely: see OciDigest. */
    private static final Pattern REFERENCE;

    static {
        String alphaNumeric = "[a-z0-9]+";
        String pathComponent = alphaNumeric + "(?:(?:[._]|__|-+)" + alphaNumeric + ")*";
        String domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
        String host = "(?:" + domainComponent + "(?:\\." + domainComponent + ")*|\\[[a-fA-F0-9:]+\\])";
        String domain = host + "(?::[0-9]+)?";
        String name = "(?:" + domain + "/)?" + pathComponent + "(?:/" + pathComponent + ")*";
        String tag = "[\\w][\\w.-]{0,127}";
        REFERENCE = Pattern.compile("(" + name + ")(?::" + tag + ")?(?:@[^@]+)?");
    }

    private static final int NAME_MAX = 255;

    /** Parses an image string; empty for null or blank input. Never throws. */
    public static Optional<ImageRef> parse(String image) {
        if (image == null || image.isBlank()) {
            return Optional.empty();
        }
        String rest = image.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = emptyToNull(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = emptyToNull(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        String repository = rest;
        int slash = rest.indexOf('/');
        if (slash > 0 && isHost(rest.substring(0, slash))) {
            registry = normaliseHost(rest.substring(0, slash));
            repository = rest.substring(slash + 1);
        }
        return Optional.of(new ImageRef(image, registry, normaliseRepository(registry, repository), tag, digest));
    }

    /** A registry host as written in an allow-list or a scan report, with Docker Hub's aliases folded. */
    public static String normaliseHost(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        return DOCKER_HUB_ALIASES.contains(h) ? DOCKER_HUB : h;
    }

    /** Docker Hub's official images live under {@code library/}. */
    public static String normaliseRepository(String registry, String repository) {
        String repo = repository == null ? "" : repository.trim();
        return DOCKER_HUB.equals(registry) && !repo.isEmpty() && !repo.contains("/") ? "library/" + repo : repo;
    }

    /** Docker's rule (splitDockerDomain): a dot, a colon, {@code localhost}, or an uppercase letter. */
    private static boolean isHost(String segment) {
        return segment.contains(".")
                || segment.contains(":")
                || segment.equals("localhost")
                || !segment.equals(segment.toLowerCase(Locale.ROOT));
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** {@code registry/repository}, e.g. {@code docker.io/library/nginx}. */
    public String name() {
        return registry + "/" + repository;
    }

    /**
     * Pinned by a valid content digest of a registered algorithm (OCI image spec); any tag is then ignored by
     * the runtime.
     */
    public boolean isDigestPinned() {
        return digest != null && OciDigest.problem(digest).isEmpty();
    }

    /** Why the written digest pins nothing (uppercase hex, wrong length, unknown algorithm); empty otherwise. */
    public Optional<String> digestProblem() {
        return digest == null ? Optional.empty() : OciDigest.problem(digest);
    }

    /**
     * Whether the string as written follows the distribution reference grammar (lowercase path components,
     * a host with an optional port, a tag of at most 128 word characters, a name of at most 255 characters).
     */
    public boolean wellFormed() {
        var m = REFERENCE.matcher(original == null ? "" : original);
        return m.matches() && m.group(1).length() <= NAME_MAX;
    }

    /** The tag the runtime pulls when the reference has neither tag nor digest: {@code latest}. */
    public String effectiveTag() {
        return tag == null && digest == null ? "latest" : tag;
    }
}
