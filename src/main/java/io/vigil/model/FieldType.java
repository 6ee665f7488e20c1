package io.vigil.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The type Kubernetes gives one field that checks judge, with the fields below it: what a value must be to
 * be read ({@link #check}) and the values a check is tried with when the field cannot be read
 * ({@link #probes}). Null is always readable: Kubernetes reads it as unset.
 */
public final class FieldType {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int SHOWN_TEXT = 32;

    enum Shape {
        TEXT,
        BOOLEAN,
        INTEGER,
        ENUM,
        OBJECT,
        ARRAY
    }

    private final Shape shape;
    private final List<String> values;
    private final Map<String, FieldType> fields = new LinkedHashMap<>();
    private final FieldType element;

    private FieldType(Shape shape, List<String> values, FieldType element) {
        this.shape = shape;
        this.values = values;
        this.element = element;
    }

    static FieldType bool() {
        return new FieldType(Shape.BOOLEAN, List.of(), null);
    }

    static FieldType integer() {
        return new FieldType(Shape.INTEGER, List.of(), null);
    }

    /** Any string; {@code examples} are the probes (values a check judges differently, e.g. two capabilities). */
    static FieldType text(String... examples) {
        return new FieldType(Shape.TEXT, List.of(examples), null);
    }

    static FieldType oneOf(String... values) {
        return new FieldType(Shape.ENUM, List.of(values), null);
    }

    static FieldType object() {
        return new FieldType(Shape.OBJECT, List.of(), null);
    }

    /** A list whose elements are not judged. */
    static FieldType list() {
        return new FieldType(Shape.ARRAY, List.of(), null);
    }

    static FieldType listOf(FieldType element) {
        return new FieldType(Shape.ARRAY, List.of(), element);
    }

    /** Adds a typed field to this object type. */
    FieldType with(String field, FieldType type) {
        fields.put(field, type);
        return this;
    }

    /** The typed fields of an object type, by name. */
    public Map<String, FieldType> fields() {
        return fields;
    }

    /** The type of a list's elements, or null when they are not judged. */
    public FieldType element() {
        return element;
    }

    /** {@code value} itself when it is readable as this type, else a marker holding it. */
    public JsonNode check(JsonNode value) {
        return readable(value) ? value : new Unreadable(value, "expected " + expected() + ", got " + got(value), this);
    }

    private boolean readable(JsonNode v) {
        // a YAML key with nothing after it reads as "", which Kubernetes reads as null
        if (v.isNull() || v.isTextual() && v.textValue().isEmpty()) {
            return true;
        }
        return switch (shape) {
            case TEXT -> v.isTextual();
            case BOOLEAN -> v.isBoolean();
            case INTEGER -> v.isIntegralNumber();
            case ENUM -> v.isTextual() && values.contains(v.textValue());
            case OBJECT -> v.isObject();
            case ARRAY -> v.isArray();
        };
    }

    private String expected() {
        return switch (shape) {
            case TEXT -> "string";
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            case ENUM -> "one of " + String.join(", ", values);
            case OBJECT -> "object";
            case ARRAY -> "list";
        };
    }

    /** The kind of value read, and the value itself when it is a short scalar that does not look like a secret. */
    private static String got(JsonNode v) {
        if (v.isTextual()) {
            String text = v.textValue();
            boolean shown = text.length() <= SHOWN_TEXT && !SecretDetector.looksRandom(text);
            return "string " + (shown ? "\"" + text + "\"" : Masking.lengthOnly(text));
        }
        if (v.isNumber() || v.isBoolean()) {
            return (v.isNumber() ? "number " : "boolean ") + v.asText();
        }
        return v.isArray()
                ? "list"
                : v.isObject() ? "object" : v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Readable values to try in place of an unreadable one: both booleans, UID 0 and another, every enum value
     * or example string;
     * for objects and lists, one built from the first and one from the last value of each typed field below,
     * and the empty one. A check whose findings differ between them reads the field.
     */
    public List<JsonNode> probes() {
        return switch (shape) {
            case BOOLEAN -> List.of(NODES.booleanNode(true), NODES.booleanNode(false));
            case INTEGER -> List.of(NODES.numberNode(0), NODES.numberNode(1000));
            case TEXT, ENUM -> values.stream().<JsonNode>map(NODES::textNode).toList();
            case OBJECT -> List.of(built(true), built(false), NODES.objectNode());
            case ARRAY -> List.of(built(true), built(false), NODES.arrayNode());
        };
    }

    private JsonNode built(boolean first) {
        if (shape == Shape.ARRAY) {
            ArrayNode out = NODES.arrayNode();
            if (element != null) {
                out.add(element.built(first));
            }
            return out;
        }
        if (shape != Shape.OBJECT) {
            List<JsonNode> p = probes();
            return first ? p.get(0) : p.get(p.size() - 1);
        }
        ObjectNode out = NODES.objectNode();
        fields.forEach((name, type) -> out.set(name, type.built(first)));
        return out;
    }
}
