package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import io.vigil.testing.Kubectl;
import io.vigil.testing.PromText;
import io.vigil.testing.RealApiServer;
import io.vigil.testing.RealApiServerSetup;
import io.vigil.testing.VigilProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 scenario 1: on a real kube-apiserver 1.20 with RBAC, the production jar runs with nothing but the
 * deployed ServiceAccount's token and the deployed ClusterRole. Every kind the server serves syncs, none is
 * forbidden, {@code /readyz} is ready; and the same identity cannot read Secrets or write anything.
 */
class RealApiServerRbacIT {
    /** batch/v1 CronJob is 1.21; of the add-ons' CRDs the test installs only Dapr's. */
    private static boolean servedOn120(WatchedKind kind) {
        return !kind.kind().equals("CronJob")
                && (!kind.optional() || kind.group().equals("dapr.io"));
    }

    private static final String PRIVILEGED_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: latency-probe, namespace: default}
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext: {privileged: true}
            """;

    @TempDir
    Path dir;

    @Test
    void withOnlyTheDeployedIdentityEveryServedKindSyncsAndNothingElseIsAllowed() {
        try (RealApiServer server = RealApiServer.start(dir.resolve("k8s"))) {
            RealApiServerSetup.installDaprCrds(server);
            RealApiServerSetup.installVigilRbac(server);
            String token = server.tokenFor(RealApiServerSetup.NAMESPACE, RealApiServerSetup.SERVICE_ACCOUNT);
            Path kubeconfig = server.kubeconfig(dir.resolve("vigil.kubeconfig"), token, server.url());

            try (VigilProcess vigil = VigilProcess.start(dir, kubeconfig, Map.of())) {
                Duration sync = vigil.awaitReady(Duration.ofSeconds(90));
                System.out.printf(
                        "[measured] real kube-apiserver 1.20: vigil watch ready (all kinds synced) in %d ms%n",
                        sync.toMillis());
                assertThat(vigil.readyz().statusCode()).isEqualTo(200);
                assertThat(informerStates(vigil)).isEqualTo(expectedStates());
                assertThat(vigil.log()).doesNotContain("forbidden").doesNotContain(token);

                long changed = System.nanoTime();
                server.create(PRIVILEGED_POD);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> java.util.stream.StreamSupport.stream(
                                        vigil.findings().path("findings").spliterator(), false)
                                .anyMatch(f -> f.path("check").asText().equals("privileged-container")
                                        && f.path("resource")
                                                .path("name")
                                                .asText()
                                                .equals("latency-probe")));
                System.out.printf(
                        "[measured] real kube-apiserver 1.20: change-to-finding latency %d ms (create -> visible in"
                                + " /api/v1/findings, polled every 20 ms)%n",
                        Duration.ofNanos(System.nanoTime() - changed).toMillis());
            }

            Kubectl.Result secrets = server.kubectl(kubeconfig, "auth", "can-i", "get", "secrets", "-A");
            assertThat(secrets).isEqualTo(new Kubectl.Result(1, "no"));
            for (String verb : new String[] {"create", "update", "patch", "delete"}) {
                for (String resource : new String[] {"pods", "deployments.apps", "configmaps", "clusterroles"}) {
                    assertThat(server.kubectl(kubeconfig, "auth", "can-i", verb, resource, "-A"))
                            .as("%s %s", verb, resource)
                            .isEqualTo(new Kubectl.Result(1, "no"));
                }
            }
            assertThat(server.kubectl(kubeconfig, "auth", "can-i", "*", "*", "-A"))
                    .isEqualTo(new Kubectl.Result(1, "no"));
            // the identity is not simply powerless: it reads what Vigil watches
            assertThat(server.kubectl(kubeconfig, "auth", "can-i", "watch", "pods", "-A"))
                    .isEqualTo(new Kubectl.Result(0, "yes"));
        }
    }

    private static Map<String, String> expectedStates() {
        Map<String, String> expected = new TreeMap<>();
        for (WatchedKind kind : WatchedKinds.ALL) {
            expected.put(kind.kindKey(), servedOn120(kind) ? "synced" : "not_served");
        }
        return expected;
    }

    private static Map<String, String> informerStates(VigilProcess vigil) {
        Map<String, String> states = new TreeMap<>();
        PromText.parse(vigil.metrics()).samples("vigil_informer_state").stream()
                .filter(s -> s.value() == 1.0)
                .forEach(s -> states.put(s.labels().get("kind"), s.labels().get("state")));
        return states;
    }
}
