package io.vigil.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bursts of privileged Pods, created concurrently as a rollout or a CI job would, and deleted with one
 * collection DELETE. Without a scheduler they stay Pending (and unscheduled Pods go at once on delete),
 * which is all Vigil needs: it audits the spec.
 */
final class PodChurn implements AutoCloseable {
    static final String NAMESPACE = "churn";

    private final KubernetesClient admin;
    private final ExecutorService senders = Executors.newFixedThreadPool(8);

    PodChurn(KubernetesClient admin) {
        this.admin = admin;
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
    }

    /** Creates {@code count} Pods named {@code churn-<generation>-<burst>-<i>}; returns when all are accepted. */
    void createBurst(int generation, int burst, int count) throws Exception {
        List<Future<?>> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Pod pod = pod("churn-%d-%d-%d".formatted(generation, burst, i), i);
            sent.add(senders.submit(
                    () -> admin.pods().inNamespace(NAMESPACE).resource(pod).create()));
        }
        for (Future<?> f : sent) {
            f.get();
        }
    }

    void deleteAll() {
        admin.pods().inNamespace(NAMESPACE).delete();
    }

    /** A Pod a real workload could have: labels, env, resources, and the privileged flag being audited. */
    static Pod pod(String name, int i) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .withLabels(Map.of("app", "churn", "tier", "t" + (i % 4), "release", "r1"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("registry.example.com/churn/app:1." + (i % 10))
                .addNewEnv()
                .withName("MODE")
                .withValue("burst")
                .endEnv()
                .withNewSecurityContext()
                .withPrivileged(true)
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .build();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
