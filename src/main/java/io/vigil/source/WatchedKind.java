package io.vigil.source;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vigil.model.Kinds;

/**
 * A kind Vigil watches: how to reach it on the API server, and whether it is optional (a custom
 * resource that is only watched when the cluster serves it).
 */
public record WatchedKind(
        String group, String version, String kind, String plural, boolean namespaced, boolean optional) {
    public String kindKey() {
        return Kinds.key(group, kind);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** How fabric8's generic client addresses this kind. */
    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    @Override
    public String toString() {
        return kindKey();
    }
}
