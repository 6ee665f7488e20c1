package io.vigil.model;

/**
 * What an event carries: which object changed, never its content.
 * {@code kind} is a {@link Kinds} key; {@code namespace} is null for cluster-scoped objects.
 */
public record ResourceKey(String kind, String namespace, String name) {
    @Override
    public String toString() {
        return kind + ":" + (namespace == null ? "" : namespace + "/") + name;
    }
}
