package io.vigil.check.support;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A container image reference split the way the container runtime reads it, with Docker Hub
 * normalisation applied: {@code nginx} is {@code docker.io/library/nginx}, {@code index.docker.io} is
 * {@code docker.io}. The first path segment is a registry host only when it contains a dot or a colon
 * or is {@code localhost} (Docker's rule), so {@code acme/api} is a Docker Hub repository.
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
    private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[0-9a-fA-F]{64}");

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

    private static boolean isHost(String segment) {
        return segment.contains(".") || segment.contains(":") || segment.equals("localhost");
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** {@code registry/repository}, e.g. {@code docker.io/library/nginx}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** Pinned by an immutable {@code sha256} content digest (any tag is then ignored by the runtime). */
    public boolean isDigestPinned() {
        return digest != null && SHA256_DIGEST.matcher(digest).matches();
    }

    /** The tag the runtime pulls when the reference has neither tag nor digest: {@code latest}. */
    public String effectiveTag() {
        return tag == null && digest == null ? "latest" : tag;
    }
}
