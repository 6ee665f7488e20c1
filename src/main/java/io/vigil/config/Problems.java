package io.vigil.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems instead of throwing at the first, so one start-up names them all. */
final class Problems {
    private final List<Problem> list = new ArrayList<>();
    /** Problems that are only worth naming on their own (see {@link #addIfAlone}). */
    private final List<Problem> alone = new ArrayList<>();

    void add(Origin origin, String setting, String message) {
        list.add(new Problem(origin, setting, message));
    }

    /**
     * A problem named only when there is no other: a missing API token (normally given at deployment through
     * VIGIL_API_TOKEN) is noise beside a broken setting the user is fixing, and they see it on the next run.
     */
    void addIfAlone(Origin origin, String setting, String message) {
        alone.add(new Problem(origin, setting, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }

    /** File problems first in line order, then the environment's, then those about missing settings. */
    void throwIfAny() {
        if (!list.isEmpty() || !alone.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(list.isEmpty() ? alone : list);
            sorted.sort(Comparator.comparingInt(Problems::rank)
                    .thenComparingInt(p -> p.origin() == null ? 0 : p.origin().line()));
            throw new ConfigException(sorted);
        }
    }

    private static int rank(Problem p) {
        return p.origin() == null ? 2 : p.origin().env() ? 1 : 0;
    }
}
