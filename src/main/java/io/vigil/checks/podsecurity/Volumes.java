package io.vigil.checks.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.support.Json;

/** Naming of pod volumes in paths and messages: by name, by index when unnamed. */
final class Volumes {
    private Volumes() {}

    /** {@code volumes[name=data]}, or {@code volumes[2]} for an unnamed volume. */
    static String element(JsonNode volume, int index) {
        String name = Json.text(volume, "name");
        return name == null ? "volumes[" + index + "]" : "volumes[name=" + name + "]";
    }

    static String name(JsonNode volume, int index) {
        String name = Json.text(volume, "name");
        return name == null ? "#" + index : name;
    }
}
