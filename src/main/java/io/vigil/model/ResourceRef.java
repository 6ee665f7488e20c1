package io.vigil.model;

/** Identity of a Kubernetes object as a finding reports it. {@code namespace} and {@code uid} may be null. */
public record ResourceRef(String apiVersion, String kind, String namespace, String name, String uid) {

    /** The API group: empty for the core group ({@code v1}). */
    public String group() {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public ResourceKey key() {
        return new ResourceKey(Kinds.key(group(), kind), namespace, name);
    }

    public String display() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
