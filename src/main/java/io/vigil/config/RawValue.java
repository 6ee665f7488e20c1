package io.vigil.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A value as written, before typing: a YAML node, or a text node for an environment variable.
 *
 * @param items where each element of a YAML sequence was written (empty otherwise), so a bad element
 *              is reported on its own line
 */
record RawValue(JsonNode node, Origin origin, List<Origin> items) {
    RawValue {
        items = List.copyOf(items);
    }

    RawValue(JsonNode node, Origin origin) {
        this(node, origin, List.of());
    }

    Origin itemOrigin(int index) {
        return index < items.size() ? items.get(index) : origin;
    }
}
