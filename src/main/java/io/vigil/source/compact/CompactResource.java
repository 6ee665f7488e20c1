package io.vigil.source.compact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * What fabric8's informer machinery carries from the decoder to the item store: the identity fabric8
 * itself reads (name, namespace, uid, resourceVersion, set by {@link CompactDeserializer}) and the compact
 * body. It is never kept: the store keeps the body and drops this carrier.
 */
public final class CompactResource extends GenericKubernetesResource {
    private final transient ObjectNode body;

    CompactResource(ObjectNode body) {
        this.body = body;
    }

    public ObjectNode body() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
