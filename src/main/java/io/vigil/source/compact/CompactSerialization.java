package io.vigil.source.compact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * fabric8's serialization for the informers' client: every GenericKubernetesResource it reads (LIST
 * items, watch event objects) is decoded once, by {@link CompactDecoder}, into a {@link CompactResource}.
 * A watch event's object is read by {@link CompactWatchEventDeserializer} straight into the same compact tree;
 * without class-path scanning no built-in model class (Pod, Role...) is registered, so nothing else is typed.
 */
public final class CompactSerialization extends KubernetesSerialization {
    private static final ThreadLocal<CompactDecoder> CONSTRUCTING = new ThreadLocal<>();

    private final CompactDecoder decoder;

    private CompactSerialization(CompactDecoder decoder) {
        super(new ObjectMapper(), false);
        this.decoder = decoder;
    }

    public static CompactSerialization create(CompactDecoder decoder) {
        // fabric8 configures the mapper from its constructor, before a subclass can set fields
        CONSTRUCTING.set(decoder);
        try {
            return new CompactSerialization(decoder);
        } finally {
            CONSTRUCTING.remove();
        }
    }

    public CompactDecoder decoder() {
        return decoder;
    }

    @Override
    protected void configureMapper(ObjectMapper mapper) {
        super.configureMapper(mapper);
        SimpleModule module = new SimpleModule("vigil-compact");
        CompactDeserializer deserializer = new CompactDeserializer(CONSTRUCTING.get());
        module.addDeserializer(GenericKubernetesResource.class, deserializer);
        module.addDeserializer(WatchEvent.class, new CompactWatchEventDeserializer(CONSTRUCTING.get()));
        mapper.registerModule(module);
    }
}
