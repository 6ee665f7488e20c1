package io.vigil.source.compact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.io.IOException;

/**
 * Reads a watch event's {@code object} straight from the token stream into the compact tree. fabric8's own
 * path ({@link KubernetesDeserializer} on {@code WatchEvent.object}) first builds a whole Jackson tree of the
 * object to find its kind and then reads that tree again: half of the informer thread's CPU per event. What
 * fabric8's watch manager does with the result is kept: an {@code ERROR} event's {@code Status} comes out as a
 * {@link Status} (its 410 Gone makes the informer re-list; anything else would be retried with the same stale
 * resourceVersion), an object without kind or apiVersion as a {@link RawExtension}, any other object as a
 * {@link CompactResource}, and a value that is not an object as fabric8 reads it.
 */
final class CompactWatchEventDeserializer extends JsonDeserializer<WatchEvent> {
    private final CompactDecoder decoder;
    private final KubernetesDeserializer fabric8 = new KubernetesDeserializer(false);

    CompactWatchEventDeserializer(CompactDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public WatchEvent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken() == JsonToken.START_OBJECT ? p.nextToken() : p.currentToken();
        WatchEvent event = new WatchEvent();
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> event.setType(value == JsonToken.VALUE_NULL ? null : p.getValueAsString());
                case "object" -> event.setObject(object(p, value, ctxt));
                default -> event.setAdditionalProperty(field, ctxt.readValue(p, Object.class));
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw ctxt.wrongTokenException(p, WatchEvent.class, JsonToken.END_OBJECT, "a watch event is an object");
        }
        return event;
    }

    private Object object(JsonParser p, JsonToken value, DeserializationContext ctxt) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            return fabric8.deserialize(p, ctxt);
        }
        ObjectNode body = decoder.decode(p);
        String kind = text(body.get("kind"));
        String apiVersion = text(body.get("apiVersion"));
        if (kind == null || apiVersion == null) {
            return p.getCodec().treeToValue(body, RawExtension.class);
        }
        if (kind.equals("Status") && apiVersion.equals("v1")) {
            return p.getCodec().treeToValue(body, Status.class);
        }
        return CompactDeserializer.resource(body);
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
