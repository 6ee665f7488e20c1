package io.vigil.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The demo's story: the Task API in an insecure and a hardened namespace; then drift (a wildcard
 * ClusterRole bound to a user, a privileged debug pod in the hardened namespace); then a partial revert.
 */
public final class DemoScenario {
    public static final List<String> SEED =
            List.of("/examples/task-api/insecure.yaml", "/examples/task-api/hardened.yaml");
    public static final String DRIFT_ROLE = "incident-debug";
    public static final String DRIFT_POD = "debug-shell";
    public static final String HARDENED = "task-api";

    private DemoScenario() {}

    /** Seeds the Task API and the objects its controllers would create. Returns how many objects were applied. */
    public static int seed(EmbeddedCluster cluster) {
        int count = 0;
        for (String resource : SEED) {
            try (InputStream in = DemoScenario.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("demo resource missing from the jar: " + resource);
                }
                for (HasMetadata o : cluster.apply(in)) {
                    count++;
                    if (o instanceof Deployment d) {
                        Controllers.reconcile(
                                cluster.admin(), cluster.admin().resource(d).get());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return count;
    }

    /** Someone "temporarily" grants everything and starts a privileged shell in the hardened namespace. */
    public static void drift(KubernetesClient client) {
        grantEverything(client);
        client.resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(DRIFT_POD)
                        .withNamespace(HARDENED)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("shell")
                        .withImage("busybox:1.36")
                        .withCommand("sleep", "infinity")
                        .withNewSecurityContext()
                        .withPrivileged(true)
                        .endSecurityContext()
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .endStatus()
                        .build())
                .create();
    }

    /** A wildcard ClusterRole bound to a user: the drift the alerting proof pages on. */
    public static void grantEverything(KubernetesClient client) {
        client.resource(new ClusterRoleBuilder()
                        .withNewMetadata()
                        .withName(DRIFT_ROLE)
                        .endMetadata()
                        .addNewRule()
                        .withApiGroups("*")
                        .withResources("*")
                        .withVerbs("*")
                        .endRule()
                        .build())
                .create();
        client.resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName(DRIFT_ROLE)
                        .endMetadata()
                        .addNewSubject()
                        .withKind("User")
                        .withName("oncall@example.com")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .endSubject()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole")
                        .withName(DRIFT_ROLE)
                        .endRoleRef()
                        .build())
                .create();
    }

    /** The debug pod is removed; the wildcard grant is forgotten and stays open. */
    public static void revert(KubernetesClient client) {
        client.pods().inNamespace(HARDENED).withName(DRIFT_POD).delete();
    }
}
