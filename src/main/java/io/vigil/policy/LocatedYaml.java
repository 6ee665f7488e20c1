package io.vigil.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node with the line it starts on, its fields (with the line of each key) and items. */
record LocatedYaml(
        JsonNode scalar,
        int line,
        Map<String, LocatedYaml> fields,
        List<LocatedYaml> items,
        List<Duplicate> duplicateKeys) {
    /** A key written again in the same mapping, with the line of the repetition (the first value is kept). */
    record Duplicate(String key, int line) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    boolean isMapping() {
        return fields != null;
    }

    boolean isSequence() {
        return items != null;
    }

    boolean isNull() {
        return scalar != null && scalar.isNull();
    }

    /** A scalar's text (numbers and booleans as written); null for null, mappings and sequences. */
    String text() {
        return scalar == null || scalar.isNull() ? null : scalar.asText();
    }

    static LocatedYaml read(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, LocatedYaml> fields = new LinkedHashMap<>();
            List<Duplicate> duplicates = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                LocatedYaml v = read(p);
                LocatedYaml atKey = new LocatedYaml(v.scalar, keyLine, v.fields, v.items, v.duplicateKeys);
                if (fields.putIfAbsent(name, atKey) != null) {
                    duplicates.add(new Duplicate(name, keyLine));
                }
            }
            return new LocatedYaml(null, line, fields, null, List.copyOf(duplicates));
        }
        if (t == JsonToken.START_ARRAY) {
            List<LocatedYaml> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p));
            }
            return new LocatedYaml(null, line, null, items, List.of());
        }
        JsonNode scalar = switch (t) {
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            default -> NODES.textNode(p.getText());
        };
        return new LocatedYaml(scalar, line, null, null, List.of());
    }
}
