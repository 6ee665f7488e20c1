package io.vigil.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.model.Masking;
import io.vigil.model.ResourceRef;
import java.io.UncheckedIOException;

/**
 * The baseline document (DESIGN §6) as a tree and as YAML text, and its digest: the SHA-256 of the
 * canonical form ({@link Canonical#digestForm}) of the document without its {@code digest} key.
 */
public final class BaselineCodec {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = """
            # Vigil baseline: the audited state of a cluster (docs/baseline.md). Written by
            # `vigil baseline capture`; the digest covers every field, so re-capture rather than edit.
            """;

    private BaselineCodec() {}

    /** The YAML document, with a comment header. */
    public static String yaml(Baseline b) {
        try {
            String text = YAML.writeValueAsString(tree(b, true));
            return HEADER + text + (text.endsWith("\n") ? "" : "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree (what {@code GET /api/v1/baseline} can serve as JSON). */
    public static ObjectNode tree(Baseline b) {
        return tree(b, true);
    }

    static ObjectNode tree(Baseline b, boolean withDigest) {
        ObjectNode doc = Canonical.NODES.objectNode();
        doc.put("apiVersion", Baseline.API_VERSION);
        doc.put("kind", Baseline.KIND);
        ObjectNode meta = doc.putObject("metadata");
        putIfSet(meta, "cluster", b.metadata().cluster());
        putIfSet(
                meta,
                "capturedAt",
                b.metadata().capturedAt() == null
                        ? null
                        : b.metadata().capturedAt().toString());
        putIfSet(meta, "capturedBy", b.metadata().capturedBy());
        putIfSet(meta, "source", b.metadata().source());
        if (withDigest && b.digest() != null) {
            doc.put("digest", b.digest());
        }
        ArrayNode findings = doc.putArray("findings");
        for (Baseline.AcceptedFinding f : b.findings()) {
            findings.add(finding(f));
        }
        ArrayNode fingerprints = doc.putArray("fingerprints");
        for (Fingerprint f : b.fingerprints()) {
            fingerprints.add(fingerprint(f));
        }
        return doc;
    }

    static ObjectNode finding(Baseline.AcceptedFinding f) {
        ObjectNode o = Canonical.NODES.objectNode();
        o.put("id", f.id());
        putIfSet(o, "check", f.check());
        putIfSet(o, "severity", f.severity() == null ? null : f.severity().label());
        if (f.resource() != null) {
            o.set("resource", resource(f.resource()));
        }
        putIfSet(o, "path", f.path());
        putIfSet(o, "observed", f.observed());
        putIfSet(o, "expected", f.expected());
        return o;
    }

    static ObjectNode resource(ResourceRef r) {
        ObjectNode o = Canonical.NODES.objectNode();
        putIfSet(o, "apiVersion", r.apiVersion());
        putIfSet(o, "kind", r.kind());
        putIfSet(o, "namespace", r.namespace());
        putIfSet(o, "name", r.name());
        return o;
    }

    /** One fingerprint entry, as the baseline and {@code GET /api/v1/fingerprints} write it. */
    public static ObjectNode fingerprint(Fingerprint f) {
        ObjectNode o = Canonical.NODES.objectNode();
        putIfSet(o, "apiVersion", f.apiVersion());
        o.put("kind", f.kind());
        putIfSet(o, "namespace", f.namespace());
        o.put("name", f.name());
        o.put("sha256", f.sha256());
        ObjectNode fields = o.putObject("fields");
        f.fields().forEach((name, value) -> fields.set(name, fieldValue(value)));
        return o;
    }

    /**
     * A structured canonical value (JSON) is written as the structure, so the file reads as YAML; anything
     * else as text. {@link BaselineLoader} turns a structure back into its canonical JSON, which gives the
     * same text exactly because only values that are already canonical are written as structures.
     */
    static JsonNode fieldValue(String value) {
        if (value.startsWith("[") || value.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(value);
                if (node != null
                        && node.isContainerNode()
                        && Canonical.json(node).equals(value)) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // not JSON: text
            }
        }
        return Canonical.NODES.textNode(value);
    }

    /** The field value a fingerprint entry's {@code fields.<name>} holds: text, or a structure's canonical JSON. */
    static String fieldText(JsonNode node) {
        return node.isContainerNode() ? Canonical.json(node) : node.asText();
    }

    /** The digest a baseline's content hashes to. */
    public static String digest(Baseline b) {
        return digestOf(tree(b, false));
    }

    /** The digest of a document tree; its {@code digest} key, if any, is left out. */
    static String digestOf(JsonNode document) {
        JsonNode content = document;
        if (document.isObject() && document.has("digest")) {
            ObjectNode copy = ((ObjectNode) document).deepCopy();
            copy.remove("digest");
            content = copy;
        }
        return Masking.sha256Hex(Canonical.digestForm(content));
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
