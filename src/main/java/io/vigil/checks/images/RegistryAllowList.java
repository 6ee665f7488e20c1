package io.vigil.checks.images;

import io.vigil.check.support.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configured registry allow-list. An entry is a registry host ({@code registry.example.com},
 * {@code localhost:5000}), a host wildcard ({@code *.example.com}: any subdomain, not the bare domain), or
 * a host plus path prefix ({@code ghcr.io/acme/}, with or without the trailing slash). Prefixes match
 * whole path segments only: {@code ghcr.io/acme} allows {@code ghcr.io/acme/api}, never
 * {@code ghcr.io/acmeevil/x}. Hosts compare case-insensitively with their port, and Docker Hub's aliases
 * ({@code index.docker.io}...) fold to {@code docker.io}; paths are taken literally (write
 * {@code docker.io/library/} for official images). Blank entries are ignored.
 */
final class RegistryAllowList {
    private final List<Entry> entries = new ArrayList<>();

    RegistryAllowList(List<String> configured) {
        for (String raw : configured) {
            Entry e = Entry.parse(raw);
            if (e != null) {
                entries.add(e);
            }
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean allows(ImageRef ref) {
        return entries.stream().anyMatch(e -> e.allows(ref));
    }

    private record Entry(String host, String pathPrefix) {
        static Entry parse(String raw) {
            if (raw == null) {
                return null;
            }
            String s = raw.trim();
            int scheme = s.indexOf("://");
            if (scheme >= 0) {
                s = s.substring(scheme + 3);
            }
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.isEmpty()) {
                return null;
            }
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            String path = slash < 0 ? "" : s.substring(slash + 1);
            return host.isEmpty() ? null : new Entry(ImageRef.normaliseHost(host), path);
        }

        boolean allows(ImageRef ref) {
            if (!hostMatches(ref.registry())) {
                return false;
            }
            String repo = ref.repository();
            return pathPrefix.isEmpty() || repo.equals(pathPrefix) || repo.startsWith(pathPrefix + "/");
        }

        private boolean hostMatches(String registry) {
            String r = registry.toLowerCase(Locale.ROOT);
            if (host.startsWith("*.")) {
                return r.endsWith(host.substring(1)) && r.length() > host.length() - 1;
            }
            return r.equals(host);
        }
    }
}
