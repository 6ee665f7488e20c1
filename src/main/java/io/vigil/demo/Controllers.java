package io.vigil.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What the Deployment and ReplicaSet controllers would create, which the mock API server does not run:
 * one ReplicaSet and one Pod per Deployment, linked by controller ownerReferences (so Vigil's workload
 * identity rule has real chains to follow).
 */
final class Controllers {
    private Controllers() {}

    static void reconcile(KubernetesClient client, Deployment deployment) {
        String name = deployment.getMetadata().getName();
        String namespace = deployment.getMetadata().getNamespace();
        ReplicaSet rs = client.resource(new ReplicaSetBuilder()
                        .withNewMetadata()
                        .withName(name + "-5d8c7b9f4")
                        .withNamespace(namespace)
                        .withLabels(
                                deployment.getSpec().getTemplate().getMetadata().getLabels())
                        .withOwnerReferences(owner(deployment))
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withSelector(deployment.getSpec().getSelector())
                        .withTemplate(deployment.getSpec().getTemplate())
                        .endSpec()
                        .build())
                .createOr(r -> r.update());
        client.resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(rs.getMetadata().getName() + "-x7k2p")
                        .withNamespace(namespace)
                        .withLabels(
                                deployment.getSpec().getTemplate().getMetadata().getLabels())
                        .withAnnotations(
                                deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                        .withOwnerReferences(owner(rs))
                        .endMetadata()
                        .withSpec(deployment.getSpec().getTemplate().getSpec())
                        .withNewStatus()
                        .withPhase("Running")
                        .endStatus()
                        .build())
                .createOr(p -> p.update());
    }

    private static OwnerReference owner(HasMetadata o) {
        return new OwnerReferenceBuilder()
                .withApiVersion(o.getApiVersion())
                .withKind(o.getKind())
                .withName(o.getMetadata().getName())
                .withUid(o.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
