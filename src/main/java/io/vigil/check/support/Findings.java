package io.vigil.check.support;

import io.vigil.check.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The violations of one pod-spec check on one object, at most one per path (the first added): malformed input
 * (two containers of the same name, a capability listed twice) must not yield two findings with the same
 * identity.
 */
public final class Findings {
    private final Map<String, Violation> byPath = new LinkedHashMap<>();

    Findings() {}

    public void add(Violation v) {
        byPath.putIfAbsent(v.path(), v);
    }

    List<Violation> list() {
        return new ArrayList<>(byPath.values());
    }
}
