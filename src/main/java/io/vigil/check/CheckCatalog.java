package io.vigil.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An ordered set of checks with unique ids, and selection by id. */
public final class CheckCatalog {
    private final Map<String, Check> byId = new LinkedHashMap<>();

    public CheckCatalog(Collection<Check> checks) {
        for (Check c : checks) {
            if (byId.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("duplicate check id: " + c.id());
            }
        }
    }

    public List<Check> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Check> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    /**
     * The checks to run: {@code only} when non-empty (else all), minus {@code skip}.
     *
     * @throws UnknownChecksException naming every id that is not in the catalogue
     */
    public CheckCatalog select(Collection<String> only, Collection<String> skip) {
        List<String> unknown = new ArrayList<>();
        for (String id : only) {
            if (!byId.containsKey(id)) {
                unknown.add(id);
            }
        }
        for (String id : skip) {
            if (!byId.containsKey(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownChecksException(unknown);
        }
        List<Check> chosen = new ArrayList<>();
        for (Check c : byId.values()) {
            if ((only.isEmpty() || only.contains(c.id())) && !skip.contains(c.id())) {
                chosen.add(c);
            }
        }
        return new CheckCatalog(chosen);
    }

    /** Unknown check ids, all named at once. */
    public static final class UnknownChecksException extends IllegalArgumentException {
        private final transient List<String> ids;

        public UnknownChecksException(List<String> ids) {
            super("unknown check id" + (ids.size() > 1 ? "s" : "") + ": " + String.join(", ", ids));
            this.ids = List.copyOf(ids);
        }

        public List<String> ids() {
            return ids;
        }
    }
}
