package io.vigil.source.compact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;

/** Jackson's entry point into {@link CompactDecoder} for every GenericKubernetesResource fabric8 reads. */
final class CompactDeserializer extends JsonDeserializer<GenericKubernetesResource> {
    private final CompactDecoder decoder;

    CompactDeserializer(CompactDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public GenericKubernetesResource deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return resource(decoder.decode(p));
    }

    /** The carrier fabric8 sees: the compact body and the identity fabric8 itself reads. */
    static CompactResource resource(ObjectNode body) {
        CompactResource r = new CompactResource(body);
        r.setApiVersion(text(body.get("apiVersion")));
        r.setKind(text(body.get("kind")));
        JsonNode meta = body.path("metadata");
        ObjectMeta m = new ObjectMeta();
        m.setName(text(meta.get("name")));
        m.setNamespace(text(meta.get("namespace")));
        m.setUid(text(meta.get("uid")));
        m.setResourceVersion(text(meta.get("resourceVersion")));
        r.setMetadata(m);
        return r;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
