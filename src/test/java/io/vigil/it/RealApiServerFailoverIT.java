package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.check.AuditSettings;
import io.vigil.format.FindingJson;
import io.vigil.testing.FindingStream;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.RealApiServer;
import io.vigil.testing.RealApiServerSetup;
import io.vigil.testing.VigilProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 scenario 4: two {@code vigil watch} processes elect a leader on a Lease of a real kube-apiserver and
 * publish to one Kafka broker. The leader is killed (SIGKILL) in the middle of a burst of changes: the
 * follower takes the Lease within leaseDuration + retry, resumes from the state topic, and a read_committed
 * reader sees every event once in per-finding order, and a compacted state equal to a fresh evaluation.
 */
class RealApiServerFailoverIT {
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Duration RENEW = Duration.ofSeconds(3);
    private static final Duration RETRY = Duration.ofMillis(500);
    private static final String NS = "burst";

    @TempDir
    Path dir;

    @Test
    void theFollowerTakesOverWithinTheLeaseAndTheStreamStaysExactlyOnceInOrder() throws Exception {
        try (RealApiServer server = RealApiServer.start(dir.resolve("k8s"));
                KafkaForTests kafka = KafkaForTests.embedded()) {
            RealApiServerSetup.installDaprCrds(server);
            RealApiServerSetup.installVigilRbac(server);
            server.admin()
                    .namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(NS)
                            .endMetadata()
                            .build())
                    .create();
            server.create(Files.readString(Path.of("docs/examples/task-api/insecure.yaml")));
            String token = server.tokenFor(RealApiServerSetup.NAMESPACE, RealApiServerSetup.SERVICE_ACCOUNT);
            Path kubeconfig = server.kubeconfig(dir.resolve("vigil.kubeconfig"), token, server.url());
            Map<String, String> env = Map.of(
                    "VIGIL_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "VIGIL_LEADER_ELECTION_ENABLED", "true",
                    "VIGIL_LEADER_ELECTION_LEASE_NAMESPACE", RealApiServerSetup.NAMESPACE,
                    "VIGIL_LEADER_ELECTION_LEASE_DURATION", "4s",
                    "VIGIL_LEADER_ELECTION_RENEW_DEADLINE", "3s",
                    "VIGIL_LEADER_ELECTION_RETRY_PERIOD", "500ms");

            try (VigilProcess a = VigilProcess.start(dir, kubeconfig, env);
                    VigilProcess b = VigilProcess.start(dir, kubeconfig, env)) {
                try {
                    failover(server, kafka, a, b, token);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(e.getMessage() + "\n" + a.logTail() + "\n" + b.logTail(), e);
                }
            }
        }
    }

    private void failover(RealApiServer server, KafkaForTests kafka, VigilProcess a, VigilProcess b, String token)
            throws Exception {
        KubernetesClient admin = server.admin();
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(30)).until(() -> role(a).equals("leader") || role(b).equals("leader"));
        VigilProcess leader = role(a).equals("leader") ? a : b;
        VigilProcess follower = leader == a ? b : a;
        String leaderId = readyz(leader).path("identity").asText();
        JsonNode followerReady = readyz(follower);
        assertThat(follower.readyz().statusCode()).isEqualTo(200);
        assertThat(followerReady.path("role").asText()).isEqualTo("follower");
        assertThat(followerReady.path("leader").asText()).isEqualTo(leaderId);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> gauge(leader, "vigil_leader") == 1.0);
        assertThat(gauge(follower, "vigil_leader")).isEqualTo(0.0);

        // the leader publishes while the follower runs: a follower with a producer would have fenced it
        createPrivileged(admin, "before-0");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> FindingStream.openOnStateTopic(kafka.bootstrapServers())
                        .equals(FreshEvaluation.findingIds(admin, AuditSettings.defaults())));

        AtomicBoolean tookOver = new AtomicBoolean();
        AtomicInteger changes = new AtomicInteger();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> burst(admin, tookOver, changes));
        await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() >= 15);
        int eventsBeforeKill = FindingStream.events(kafka.bootstrapServers()).size();
        long killed = System.nanoTime();
        leader.kill();
        await().atMost(LEASE.plus(RETRY.multipliedBy(3)).plusSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> role(follower).equals("leader"));
        Duration electionGap = Duration.ofNanos(System.nanoTime() - killed);
        tookOver.set(true);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> FindingStream.events(kafka.bootstrapServers()).size() > eventsBeforeKill);
        Duration publishGap = Duration.ofNanos(System.nanoTime() - killed);
        burst.get(120, TimeUnit.SECONDS);
        System.out.printf(
                "[measured] failover on real kube-apiserver 1.20 (leaseDuration %ss, renewDeadline %ss,"
                        + " retryPeriod %sms): new leader after %d ms; first event from it after %d ms"
                        + " (state topic read + one full evaluation; polled); %d changes in the burst%n",
                LEASE.toSeconds(),
                RENEW.toSeconds(),
                RETRY.toMillis(),
                electionGap.toMillis(),
                publishGap.toMillis(),
                changes.get());
        // fabric8 retries every retryPeriod with up to 1.2x jitter; 1s for API round trips and scheduling
        assertThat(electionGap)
                .isLessThanOrEqualTo(
                        LEASE.plus(RETRY.multipliedBy(22).dividedBy(10)).plusSeconds(1));
        assertThat(gauge(follower, "vigil_leader")).isEqualTo(1.0);
        assertThat(gauge(follower, "vigil_leader_changes_total")).isEqualTo(1.0);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> FindingStream.openOnStateTopic(kafka.bootstrapServers())
                        .equals(FreshEvaluation.findingIds(admin, AuditSettings.defaults())));
        List<FindingStream.Event> events = FindingStream.events(kafka.bootstrapServers());
        FindingStream.assertExactlyOnceInOrder(events);
        assertThat(follower.findingIds())
                .isEqualTo(FreshEvaluation.findingIds(admin, AuditSettings.defaults()))
                .isEqualTo(FindingStream.openOnStateTopic(kafka.bootstrapServers()));
        assertThat(follower.log()).contains("leading: resumed").doesNotContain(token);
    }

    /** Creates, updates and deletes Deployments until the follower has taken over and 60 changes are done. */
    private static void burst(KubernetesClient admin, AtomicBoolean tookOver, AtomicInteger changes) {
        for (int i = 0; i < 60 || !tookOver.get(); i++) {
            String name = "burst-" + i;
            createPrivileged(admin, name);
            changes.incrementAndGet();
            if (i % 3 == 1) {
                admin.apps().deployments().inNamespace(NS).withName(name).edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:latest");
                    return d;
                });
                changes.incrementAndGet();
            }
            if (i % 3 == 2) {
                admin.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("burst-" + (i - 2))
                        .delete();
                changes.incrementAndGet();
            }
        }
    }

    private static void createPrivileged(KubernetesClient admin, String name) {
        Deployment d = new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("nginx:1.27")
                .withNewSecurityContext()
                .withPrivileged(true)
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        admin.apps().deployments().inNamespace(NS).resource(d).create();
    }

    private static JsonNode readyz(VigilProcess vigil) throws Exception {
        return FindingJson.MAPPER.readTree(vigil.readyz().body());
    }

    private static String role(VigilProcess vigil) {
        try {
            return readyz(vigil).path("role").asText();
        } catch (Exception e) {
            return "unreachable";
        }
    }

    private static double gauge(VigilProcess vigil, String name) {
        return io.vigil.testing.PromText.parse(vigil.metrics())
                .value(name, Map.of())
                .orElseThrow(() -> new AssertionError("no series " + name));
    }
}
