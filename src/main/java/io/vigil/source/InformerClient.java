package io.vigil.source;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vigil.source.compact.Compact;
import io.vigil.source.compact.CompactSerialization;

/**
 * The client the informers use: the caller's configuration with {@link CompactSerialization}, so each
 * LIST/watch item is decoded once into the compact cache. A separate client because the serialization
 * belongs to a client and the caller's client (baseline capture, the demo's seeding) must keep reading
 * ordinary objects.
 */
final class InformerClient {
    /** Items per LIST page: a 100k-pod LIST never sits whole in memory. */
    static final long PAGE = 500;

    private InformerClient() {}

    static KubernetesClient of(KubernetesClient client) {
        if (client.getKubernetesSerialization() instanceof CompactSerialization) {
            return client;
        }
        return new KubernetesClientBuilder()
                .withConfig(client.getConfiguration())
                .withKubernetesSerialization(CompactSerialization.create(Compact.decoder()))
                .build();
    }
}
