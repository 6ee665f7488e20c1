package io.vigil.source.compact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vigil.model.FieldTypes;
import io.vigil.model.Unreadable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one API object from the parser's token stream straight into its compact tree: the fields
 * {@link PruneRules} drop are skipped unread (managedFields never becomes a node), objects become
 * {@link CompactFields}-backed ObjectNodes, arrays exact-sized immutable lists, and field names and
 * repeated values come from the {@link StringPool}. A value not of the type its field has ({@link FieldTypes}) is
 * kept inside an {@link Unreadable} marker and the root flagged, never an error: the object is cached with what
 * could be read. The result is an ordinary, read-only Jackson tree, so
 * every check reads it through the same {@code KubeObject} API as a manifest. Thread-safe: informers of
 * different kinds decode concurrently.
 */
public final class CompactDecoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PruneRules rules;
    private final StringPool pool;
    private final NodePool nodes;

    public CompactDecoder(PruneRules rules, StringPool pool, NodePool nodes) {
        this.rules = rules;
        this.pool = pool;
        this.nodes = nodes;
    }

    /** Whether the subtree being decoded holds a value unique to its object (then it is not shared). */
    private static final class Decoding {
        boolean unique;
        /** Whether a value was not of its field's type (then the root is flagged, see {@link Unreadable#in}). */
        boolean unreadable;
    }

    public StringPool pool() {
        return pool;
    }

    /** Decodes the object the parser is at (its START_OBJECT, or the first FIELD_NAME inside it). */
    public ObjectNode decode(JsonParser p) throws IOException {
        JsonToken t = p.currentToken() == null ? p.nextToken() : p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            p.nextToken();
        } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
            throw new IOException("expected a JSON object, found " + t);
        }
        Decoding d = new Decoding();
        ObjectNode root = object(p, rules.root(), d);
        return d.unreadable ? Unreadable.flag(root) : root;
    }

    /** Decodes a tree read by other means (a manifest, a test's object) exactly as the informers' bytes. */
    public ObjectNode decode(JsonNode tree) {
        try (JsonParser p = tree.traverse()) {
            return decode(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a tree that is already in memory", e);
        }
    }

    /**
     * The cached body: {@code apiVersion} and {@code kind} added when the LIST item had none (the informer
     * knows them), and only those and {@code metadata} kept for a kind whose checks read only metadata.
     */
    public ObjectNode finish(ObjectNode body, String apiVersion, String kind, boolean metadataOnly) {
        boolean hasIdentity = body.has("apiVersion") && body.has("kind");
        if (hasIdentity && !metadataOnly) {
            return body;
        }
        List<Object> kv = new ArrayList<>();
        kv.add("apiVersion");
        kv.add(body.has("apiVersion") ? body.get("apiVersion") : pool.text(apiVersion));
        kv.add("kind");
        kv.add(body.has("kind") ? body.get("kind") : pool.text(kind));
        body.properties().forEach(e -> {
            String f = e.getKey();
            if (!f.equals("apiVersion") && !f.equals("kind") && (!metadataOnly || f.equals("metadata"))) {
                kv.add(f);
                kv.add(e.getValue());
            }
        });
        ObjectNode out = new ObjectNode(NODES, new CompactFields(kv.toArray()));
        return Unreadable.in(body) ? Unreadable.flag(out) : out;
    }

    /** At the first FIELD_NAME (or END_OBJECT) of an object; returns at its END_OBJECT. */
    private ObjectNode object(JsonParser p, PruneRules.Node rule, Decoding d) throws IOException {
        boolean outer = d.unique;
        d.unique = false;
        List<Object> kv = null;
        for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            PruneRules.Node child = rule == null ? null : rule.child(field);
            JsonToken value = p.nextToken();
            if (child != null && child.drop) {
                p.skipChildren();
                continue;
            }
            if (kv == null) {
                kv = new ArrayList<>(16);
            }
            kv.add(pool.intern(field));
            kv.add(typed(child, value(p, value, child, d), d));
        }
        ObjectNode node = new ObjectNode(NODES, kv == null ? CompactFields.EMPTY : new CompactFields(kv.toArray()));
        return shared(node, outer, d);
    }

    /** The value, or a marker holding it when it is not of the type its field has ({@link FieldTypes}). */
    private static JsonNode typed(PruneRules.Node rule, JsonNode value, Decoding d) {
        if (rule == null || rule.type == null) {
            return value;
        }
        JsonNode checked = rule.type.check(value);
        d.unreadable |= checked != value;
        return checked;
    }

    @SuppressWarnings("unchecked")
    private <T extends JsonNode> T shared(T node, boolean outer, Decoding d) {
        T out = d.unique ? node : (T) nodes.intern(node);
        d.unique |= outer;
        return out;
    }

    private JsonNode value(JsonParser p, JsonToken t, PruneRules.Node rule, Decoding d) throws IOException {
        switch (t) {
            case START_OBJECT:
                p.nextToken();
                return object(p, rule, d);
            case START_ARRAY:
                return array(p, rule == null ? null : rule.any, d);
            case VALUE_STRING:
                String s = p.getText();
                if (rule != null && rule.unique) {
                    d.unique = true;
                    return TextNode.valueOf(s);
                }
                return pool.text(s);
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> IntNode.valueOf(p.getIntValue());
                    case LONG -> LongNode.valueOf(p.getLongValue());
                    default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? DecimalNode.valueOf(p.getDecimalValue())
                        : DoubleNode.valueOf(p.getDoubleValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    private ArrayNode array(JsonParser p, PruneRules.Node elementRule, Decoding d) throws IOException {
        boolean outer = d.unique;
        d.unique = false;
        List<JsonNode> elements = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new IOException("unexpected end of input in an array");
            }
            if (elements == null) {
                elements = new ArrayList<>(4);
            }
            elements.add(typed(elementRule, value(p, t, elementRule, d), d));
        }
        return shared(new ArrayNode(NODES, elements == null ? List.of() : List.copyOf(elements)), outer, d);
    }
}
