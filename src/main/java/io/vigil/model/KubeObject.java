package io.vigil.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Any Kubernetes object, from a manifest or from the API: its identity, its (possibly projected) body
 * and, for manifests, where it was read. The body is never mutated after construction.
 */
public record KubeObject(ResourceRef ref, JsonNode body, SourceLocation source) {

    public String kindKey() {
        return Kinds.key(ref.group(), ref.kind());
    }

    public ResourceKey key() {
        return ref.key();
    }

    public String namespace() {
        return ref.namespace();
    }

    public String name() {
        return ref.name();
    }

    public JsonNode at(String... fields) {
        JsonNode node = body;
        for (String f : fields) {
            node = node == null ? MissingNode.getInstance() : node.path(f);
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    public JsonNode metadata() {
        return at("metadata");
    }

    public String label(String name) {
        JsonNode v = at("metadata", "labels", name);
        return v.isValueNode() ? v.asText() : null;
    }

    public String annotation(String name) {
        JsonNode v = at("metadata", "annotations", name);
        return v.isValueNode() ? v.asText() : null;
    }
}
