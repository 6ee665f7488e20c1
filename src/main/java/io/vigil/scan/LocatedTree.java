package io.vigil.scan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one YAML or JSON document into a Jackson tree while remembering the line of every node,
 * keyed by JSON pointer, so findings and SARIF results point at the offending line.
 */
public final class LocatedTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Integer> lines = new HashMap<>();
    private final int lineOffset;

    private LocatedTree(int lineOffset) {
        this.lineOffset = lineOffset;
    }

    /** Parsed document: the tree (null for an empty document) and the line of every pointer. */
    public record Document(JsonNode root, Map<String, Integer> lines, int firstLine) {}

    public static Document read(JsonParser parser, int lineOffset) throws IOException {
        LocatedTree reader = new LocatedTree(lineOffset);
        JsonToken first = parser.nextToken();
        if (first == null) {
            return new Document(null, Map.of(), lineOffset + 1);
        }
        int firstLine = reader.line(parser.currentTokenLocation());
        JsonNode root = reader.value(parser, "");
        return new Document(root, Map.copyOf(reader.lines), firstLine);
    }

    private JsonNode value(JsonParser p, String pointer) throws IOException {
        lines.putIfAbsent(pointer, line(p.currentTokenLocation()));
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT:
                ObjectNode obj = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    String child = pointer + "/" + escape(field);
                    lines.put(child, line(p.currentTokenLocation()));
                    p.nextToken();
                    obj.set(field, value(p, child));
                }
                return obj;
            case START_ARRAY:
                ArrayNode arr = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    arr.add(value(p, pointer + "/" + i++));
                }
                return arr;
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return NODES.textNode(p.getText());
        }
    }

    private int line(JsonLocation location) {
        return lineOffset + Math.max(1, location.getLineNr());
    }

    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }
}
