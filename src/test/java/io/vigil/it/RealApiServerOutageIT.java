package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.check.AuditSettings;
import io.vigil.model.Finding;
import io.vigil.testing.FindingStream;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.RealApiServer;
import io.vigil.testing.RealApiServerSetup;
import io.vigil.testing.TcpProxy;
import io.vigil.testing.VigilProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 scenario 3: while Vigil's connection to a real kube-apiserver is cut (test TCP proxy), objects are
 * created, fixed and deleted; once it is restored Vigil's findings equal a fresh evaluation and every finding
 * of a deleted object is RESOLVED exactly once. Then the API server and etcd restart with no change: no
 * finding event at all (a marker change made afterwards is the only thing published).
 */
class RealApiServerOutageIT {
    private static final String DEV = "task-api-dev";

    @TempDir
    Path dir;

    @Test
    void changesMadeDuringAnOutageAreReconciledAndARestartAloneChangesNothing() throws Exception {
        try (RealApiServer server = RealApiServer.start(dir.resolve("k8s"));
                KafkaForTests kafka = KafkaForTests.embedded();
                TcpProxy proxy = TcpProxy.start(server.securePort())) {
            RealApiServerSetup.installDaprCrds(server);
            RealApiServerSetup.installVigilRbac(server);
            KubernetesClient admin = server.admin();
            server.create(Files.readString(Path.of("docs/examples/task-api/insecure.yaml")));
            String token = server.tokenFor(RealApiServerSetup.NAMESPACE, RealApiServerSetup.SERVICE_ACCOUNT);
            Path kubeconfig =
                    server.kubeconfig(dir.resolve("vigil.kubeconfig"), token, "https://127.0.0.1:" + proxy.port());
            String bootstrap = kafka.bootstrapServers();

            // A restarted kube-apiserver answers 403 until its RBAC cache has synced, and Vigil re-tries a
            // forbidden kind at the next full evaluation only: the shortest interval bounds that gap here.
            try (VigilProcess vigil = VigilProcess.start(
                    dir,
                    kubeconfig,
                    Map.of(
                            "VIGIL_KAFKA_BOOTSTRAP_SERVERS",
                            bootstrap,
                            "VIGIL_PIPELINE_FULL_EVALUATION_INTERVAL",
                            "10s"))) {
                try {
                    vigil.awaitReady(Duration.ofSeconds(90));
                    converge(admin, vigil, bootstrap);
                    Deployment victim = admin.apps()
                            .deployments()
                            .inNamespace(DEV)
                            .list()
                            .getItems()
                            .get(0);
                    Set<String> victimFindings = findingsOf(
                            admin, "Deployment", DEV, victim.getMetadata().getName());
                    assertThat(victimFindings).isNotEmpty();

                    proxy.pause();
                    proxy.cutAll();
                    long cut = System.nanoTime();
                    server.create(privilegedDeployment("created-while-cut"));
                    admin.apps()
                            .deployments()
                            .inNamespace(DEV)
                            .withName(victim.getMetadata().getName())
                            .delete();
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> admin.apps()
                                            .deployments()
                                            .inNamespace(DEV)
                                            .withName(victim.getMetadata().getName())
                                            .get()
                                    == null);
                    proxy.resume();
                    converge(admin, vigil, bootstrap);
                    System.out.printf(
                            "[measured] real kube-apiserver 1.20: connection cut and restored, findings equal a fresh"
                                    + " evaluation %d ms after the cut%n",
                            Duration.ofNanos(System.nanoTime() - cut).toMillis());

                    List<FindingStream.Event> events = FindingStream.events(bootstrap);
                    FindingStream.assertExactlyOnceInOrder(events);
                    Map<String, Long> resolved = events.stream()
                            .filter(e -> e.shortType().equals("resolved"))
                            .collect(Collectors.groupingBy(FindingStream.Event::key, Collectors.counting()));
                    for (String id : victimFindings) {
                        assertThat(resolved.get(id))
                                .as("RESOLVED events of %s", id)
                                .isEqualTo(1L);
                    }
                    assertThat(vigil.findingIds()).doesNotContainAnyElementsOf(victimFindings);

                    Set<String> before = new TreeSet<>(FindingStream.ids(events));
                    server.restart();
                    server.create(privilegedDeployment("marker-after-restart"));
                    Set<String> marker = await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> findingsOf(admin, "Deployment", DEV, "marker-after-restart"),
                                    m -> !m.isEmpty());
                    converge(admin, vigil, bootstrap);
                    List<FindingStream.Event> after = FindingStream.events(bootstrap);
                    // partitions are read one after another: only ids tell old events from new ones
                    Set<String> published = after.stream()
                            .filter(e -> !before.contains(e.id()))
                            .map(e -> e.shortType() + " " + e.key())
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertThat(published)
                            .as("events after a restart without changes, apart from the marker's")
                            .isEqualTo(marker.stream()
                                    .map(id -> "opened " + id)
                                    .collect(Collectors.toCollection(TreeSet::new)));
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(e.getMessage() + "\n" + vigil.logTail(), e);
                }
            }
        }
    }

    /** Waits until Vigil's findings and the compacted state topic both equal a fresh evaluation. */
    private static void converge(KubernetesClient admin, VigilProcess vigil, String bootstrap) {
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            Set<String> fresh = FreshEvaluation.findingIds(admin, AuditSettings.defaults());
            return vigil.findingIds().equals(fresh)
                    && FindingStream.openOnStateTopic(bootstrap).equals(fresh);
        });
    }

    private static Set<String> findingsOf(KubernetesClient admin, String kind, String namespace, String name) {
        return FreshEvaluation.findings(admin, AuditSettings.defaults()).stream()
                .filter(f -> f.resource().kind().equals(kind)
                        && namespace.equals(f.resource().namespace())
                        && f.resource().name().equals(name))
                .map(Finding::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String privilegedDeployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: %s}
                spec:
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                        - name: app
                          image: nginx:1.27
                          securityContext: {privileged: true}
                """.formatted(name, DEV, name, name);
    }
}
