package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.check.AuditSettings;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceKey;
import io.vigil.model.TrackedFinding;
import io.vigil.pipeline.InformerState;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ShopManifests;
import io.vigil.testing.TcpProxy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §2: the API server becomes unreachable (a proxy in front of the mock cuts every connection and
 * refuses new ones) while objects are deleted, changed and created. Vigil must keep its findings open and
 * stale meanwhile, resolve nothing it cannot see, and after reconnecting and re-listing hold exactly the
 * findings of a fresh full evaluation, each deletion resolved once. The mock keeps no watch history, so a
 * watch resumed from the last resourceVersion alone would never hear of the deletions.
 */
class WatchOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AuditSettings SETTINGS = AuditSettings.defaults();

    private EmbeddedCluster cluster;
    private TcpProxy proxy;
    private KubernetesClient kube;
    private RunningVigil vigil;

    @BeforeEach
    void start() {
        cluster = EmbeddedCluster.startWithDapr();
        proxy = TcpProxy.start(cluster.port());
        kube = cluster.admin();
        apply(SEED);
        vigil = RunningVigil.start(clientThroughProxy(), RunningVigil.fastPipeline());
        await().atMost(WAIT).until(() -> vigil.service().ready());
    }

    @AfterEach
    void stop() {
        if (vigil != null) {
            vigil.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void afterAnOutageTheOpenFindingsEqualAFreshEvaluation() {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS)));
        Map<ResourceKey, Set<String>> before = openBySubject();
        ResourceKey worker = new ResourceKey(Kinds.DEPLOYMENT, "shop", "worker");
        ResourceKey opsAdmin = new ResourceKey(Kinds.CLUSTER_ROLE_BINDING, null, "ops-admin");
        ResourceKey anything = new ResourceKey(Kinds.ROLE, "shop", "anything");
        ResourceKey api = new ResourceKey(Kinds.DEPLOYMENT, "shop", "api");
        ResourceKey web = new ResourceKey(Kinds.DEPLOYMENT, "shop", "web");
        for (ResourceKey k : List.of(worker, opsAdmin, anything, api, web)) {
            assertThat(before.get(k))
                    .as("findings open on %s before the outage", k)
                    .isNotEmpty();
        }
        Set<String> onDeleted = new TreeSet<>();
        List.of(worker, opsAdmin, anything).forEach(k -> onDeleted.addAll(before.get(k)));

        // the API server becomes unreachable: watches drop, reconnects and re-lists fail
        proxy.pause();
        proxy.cutAll();
        await().atMost(WAIT)
                .alias("Vigil notices that every kind lost its watch")
                .until(() ->
                        vigil.service().source().states().values().stream().noneMatch(s -> s == InformerState.SYNCED));
        await().atMost(WAIT)
                .alias("every open finding is marked stale while Vigil cannot watch")
                .until(() -> vigil.open().stream().allMatch(t -> t.status().stale()));
        assertThat(vigil.service().ready())
                .as("ready means synced once: an outage keeps Vigil ready")
                .isTrue();
        int eventsAtOutage = vigil.events().size();

        // meanwhile the cluster changes
        kube.apps().deployments().inNamespace("shop").withName("worker").delete();
        kube.rbac().clusterRoleBindings().withName("ops-admin").delete();
        kube.rbac().roles().inNamespace("shop").withName("anything").delete();
        apply(API_HARDENED);
        kube.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
            var pod = d.getSpec().getTemplate().getSpec();
            pod.setHostPID(true);
            pod.getContainers().get(0).getSecurityContext().setPrivileged(true);
            return d;
        });
        apply(CREATED_DURING_OUTAGE);
        assertThat(FreshEvaluation.findingIds(kube, SETTINGS)).isNotEqualTo(vigil.openIds());

        assertThat(vigil.events())
                .as("nothing is published for what Vigil cannot see")
                .hasSize(eventsAtOutage);
        Set<String> openBefore =
                before.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertThat(vigil.openIds()).as("losing sight never looks like a fix").isEqualTo(openBefore);

        proxy.resume();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS)));
        await().atMost(WAIT)
                .until(() -> vigil.service().source().states().values().stream()
                        .allMatch(s -> s == InformerState.SYNCED || s == InformerState.NOT_SERVED));
        assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, SETTINGS));
        assertThat(vigil.open())
                .as("nothing stale stays open")
                .noneMatch(t -> t.status().stale());

        List<FindingEvent> after =
                vigil.events().subList(eventsAtOutage, vigil.events().size());
        Map<String, Long> resolvedCount = after.stream()
                .filter(e -> e instanceof FindingEvent.Resolved)
                .collect(Collectors.groupingBy(e -> e.finding().id(), Collectors.counting()));
        for (String id : onDeleted) {
            assertThat(resolvedCount.get(id))
                    .as("RESOLVED events for %s (on a deleted object)", id)
                    .isEqualTo(1L);
        }
        assertThat(resolvedCount.values()).as("no finding resolved twice").allMatch(n -> n == 1L);
        Set<String> resolvedAsDeleted = after.stream()
                .filter(e -> e instanceof FindingEvent.Resolved && e.reason().equals("object deleted"))
                .map(e -> e.finding().id())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(resolvedAsDeleted).isEqualTo(onDeleted);

        Map<ResourceKey, Set<String>> now = openBySubject();
        assertThat(now.getOrDefault(api, Set.of()))
                .as("the hardened workload lost findings")
                .isNotEmpty()
                .hasSizeLessThan(before.get(api).size());
        assertThat(checks(now.get(web)))
                .as("the worsened workload")
                .contains("privileged-container", "host-namespaces");
        assertThat(now.get(new ResourceKey(Kinds.DEPLOYMENT, "shop", "cache")))
                .as("created during the outage")
                .isNotEmpty();
        assertThat(checks(now.get(new ResourceKey(Kinds.ROLE_BINDING, "shop", "shop-admins"))))
                .contains("rbac-cluster-admin-binding");
        WorkloadLifecycleIT.assertEverySequenceIsContiguous(vigil.events());
    }

    /** Vigil's client goes through the proxy; retries are kept short so the test is quick. */
    private KubernetesClient clientThroughProxy() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(proxy.url())
                .withTrustCerts(true)
                .withNamespace("test")
                .withHttp2Disable(true)
                .withOauthToken("secret")
                .withRequestRetryBackoffLimit(1)
                .withRequestRetryBackoffInterval(100)
                .withWatchReconnectInterval(200)
                .withConnectionTimeout(2_000)
                .withRequestTimeout(5_000)
                .build();
        return cluster.server().createClient(builder -> builder.withConfig(config));
    }

    private Map<ResourceKey, Set<String>> openBySubject() {
        return vigil.open().stream()
                .map(TrackedFinding::finding)
                .collect(Collectors.groupingBy(
                        f -> f.resource().key(),
                        Collectors.mapping(Finding::id, Collectors.toCollection(TreeSet::new))));
    }

    private Set<String> checks(Set<String> ids) {
        Map<String, String> checkById = vigil.open().stream()
                .map(TrackedFinding::finding)
                .collect(Collectors.toMap(Finding::id, Finding::checkId));
        return ids == null ? Set.of() : ids.stream().map(checkById::get).collect(Collectors.toSet());
    }

    private void apply(String yaml) {
        cluster.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String SEED = ShopManifests.join(
            ShopManifests.SHOP_NAMESPACE,
            ShopManifests.API_DEPLOYMENT,
            ShopManifests.WORKER_DEPLOYMENT,
            ShopManifests.WEB_DEPLOYMENT,
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects:
              - {apiGroup: rbac.authorization.k8s.io, kind: User, name: ops}

---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: anything, namespace: shop}
            rules:
              - apiGroups: ["*"]
                resources: ["*"]
                verbs: ["*"]

            """);

    private static final String API_HARDENED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  automountServiceAccountToken: false
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 1000
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                    - name: api
                      image: "ghcr.io/acme/api:1.4.2@sha256:\
            4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2"
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities: {drop: [ALL]}
                      resources:
                        limits: {memory: 256Mi, cpu: 500m}
                        requests: {memory: 128Mi, cpu: 100m}
            """;

    private static final String CREATED_DURING_OUTAGE = ShopManifests.join(ShopManifests.CACHE_DEPLOYMENT, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: shop-admins, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects:
              - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: shop-team}

            """);
}
