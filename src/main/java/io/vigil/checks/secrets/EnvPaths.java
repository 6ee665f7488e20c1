package io.vigil.checks.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.support.Json;

/** Path elements of env entries: by name, by index when unnamed. */
final class EnvPaths {
    private EnvPaths() {}

    static String element(JsonNode entry, int index) {
        String name = Json.text(entry, "name");
        return name == null ? "env[" + index + "]" : "env[name=" + name + "]";
    }
}
