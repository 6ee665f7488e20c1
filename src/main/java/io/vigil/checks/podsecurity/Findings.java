package io.vigil.checks.podsecurity;

import io.vigil.check.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The violations of one check on one object, at most one per path: malformed input (two containers of
 * the same name, a capability listed twice) must not yield two findings with the same identity.
 */
final class Findings {
    private final Map<String, Violation> byPath = new LinkedHashMap<>();

    void baseline(String path, String observed, String expected, String message) {
        add(Violation.of(path, observed, expected, message).withControls(Pss.BASELINE));
    }

    void restricted(String path, String observed, String expected, String message) {
        add(Violation.of(path, observed, expected, message).withControls(Pss.RESTRICTED));
    }

    void add(Violation v) {
        byPath.putIfAbsent(v.path(), v);
    }

    List<Violation> list() {
        return new ArrayList<>(byPath.values());
    }
}
