package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.check.AuditSettings;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.metrics.MetricCatalog;
import io.vigil.pipeline.InformerState;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import io.vigil.testing.Forbidden;
import io.vigil.testing.FreshEvaluation;
import io.vigil.testing.Http;
import io.vigil.testing.LogCapture;
import io.vigil.testing.PromText;
import io.vigil.testing.RunningVigil;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster that forbids one built-in kind (403 on its LIST) and does not serve most custom kinds (Dapr is
 * served; Kyverno, Trivy and sigstore are not): Vigil reports each kind's state on {@code /metrics}, skips
 * the kinds it cannot see (one log line each, no stack trace, nothing more when a re-list gets the same answer),
 * and is ready rather than waiting forever for them, naming the skipped kinds on {@code /readyz}.
 */
class InformerStateIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FORBIDDEN_KIND = "ClusterRoleBinding";
    /** Every optional kind but Dapr's (the embedded cluster serves those two CRDs). */
    private static final Set<String> NOT_SERVED = WatchedKinds.ALL.stream()
            .filter(WatchedKind::optional)
            .map(WatchedKind::kindKey)
            .filter(k -> !k.startsWith("dapr.io/"))
            .collect(java.util.stream.Collectors.toSet());

    private EmbeddedCluster cluster;
    private KubernetesClient kube;
    private RunningVigil vigil;
    private LogCapture log;

    @BeforeEach
    void start() {
        cluster = EmbeddedCluster.startWithDapr();
        kube = cluster.admin();
        kube.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("shop")
                        .endMetadata()
                        .build())
                .create();
        // Seeded before the 403 is armed: an object Vigil would report if it could see it.
        kube.resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName("anyone-is-admin")
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole")
                        .withName("cluster-admin")
                        .endRoleRef()
                        .addNewSubject()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("Group")
                        .withName("system:authenticated")
                        .endSubject()
                        .build())
                .create();
        Forbidden.kind(
                cluster.server(),
                WatchedKinds.ALL.stream()
                        .filter(k -> k.kindKey().equals(FORBIDDEN_KIND))
                        .findFirst()
                        .orElseThrow());
        log = LogCapture.start("io.vigil");
        vigil = RunningVigil.start(cluster.newClient(), RunningVigil.fastPipeline());
    }

    @AfterEach
    void stop() {
        log.close();
        if (vigil != null) {
            vigil.close();
        }
        cluster.close();
    }

    @Test
    void forbiddenAndUnservedKindsAreReportedAndDoNotBlockReadiness() throws Exception {
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(Http.get(vigil.baseUrl() + "/readyz").statusCode())
                                .isEqualTo(200));
        JsonNode ready = new ObjectMapper()
                .readTree(Http.get(vigil.baseUrl() + "/readyz").body());
        assertThat(ready.get("ready").asBoolean()).isTrue();
        assertThat(ready.get("reasons").isArray()).isTrue();
        assertThat(ready.get("reasons")).isEmpty();
        assertThat(ready.get("forbidden"))
                .as("ready, but the skipped kinds are named")
                .extracting(JsonNode::asText)
                .containsExactly(FORBIDDEN_KIND);
        assertThat(ready.get("notServed")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(NOT_SERVED);

        Map<String, InformerState> expected = new LinkedHashMap<>();
        for (WatchedKind kind : WatchedKinds.ALL) {
            String key = kind.kindKey();
            expected.put(
                    key,
                    key.equals(FORBIDDEN_KIND)
                            ? InformerState.FORBIDDEN
                            : NOT_SERVED.contains(key) ? InformerState.NOT_SERVED : InformerState.SYNCED);
        }
        assertThat(expected.values()).contains(InformerState.SYNCED);
        assertThat(expected).containsValue(InformerState.FORBIDDEN).containsValue(InformerState.NOT_SERVED);

        HttpResponse<String> scrape = Http.get(vigil.baseUrl() + "/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        PromText metrics = PromText.parse(scrape.body());
        Map<String, Double> actual = new LinkedHashMap<>();
        for (PromText.Sample s : metrics.samples(MetricCatalog.INFORMER_STATE.name())) {
            assertThat(s.labels().keySet()).containsExactlyInAnyOrder("kind", "state");
            actual.put(s.labels().get("kind") + " " + s.labels().get("state"), s.value());
        }
        Map<String, Double> want = new LinkedHashMap<>();
        expected.forEach((kind, state) -> {
            for (InformerState s : InformerState.values()) {
                want.put(kind + " " + s.label(), s == state ? 1.0 : 0.0);
            }
        });
        assertThat(actual).isEqualTo(want);
        assertThat(scrape.body())
                .contains("vigil_informer_state{kind=\"ClusterRoleBinding\"," + "state=\"forbidden\"} 1")
                .contains("vigil_informer_state{kind=\"kyverno.io/ClusterPolicy\",state=\"not_served\"} 1")
                .contains("vigil_informer_state{kind=\"Deployment\",state=\"synced\"} 1")
                .contains("vigil_informer_state{kind=\"dapr.io/Component\",state=\"synced\"} 1");

        assertThat(vigil.service().source().states())
                .allSatisfy(
                        (kind, state) -> assertThat(state).as(kind.kindKey()).isEqualTo(expected.get(kind.kindKey())));
        assertThat(vigil.open())
                .as("nothing is reported for a kind Vigil cannot see")
                .noneMatch(t -> t.finding().resource().kind().equals("ClusterRoleBinding"));
        assertThat(vigil.openIds()).isEqualTo(FreshEvaluation.findingIds(kube, AuditSettings.defaults()));

        // The periodic full re-evaluation re-lists every kind (re-discovering grants and CRDs): a kind that
        // was answered keeps its answer while it asks again, so readiness does not flap every 10 minutes.
        vigil.service().source().relistAll();
        assertThat(vigil.service().source().relistLostWatches())
                .as("a re-listing informer has not lost its watch")
                .isEmpty();
        assertThat(vigil.service().source().states().entrySet())
                .allSatisfy(e -> assertThat(e.getValue())
                        .as(e.getKey().kindKey())
                        .isEqualTo(expected.get(e.getKey().kindKey())));
        assertThat(vigil.service().ready()).isTrue();
        vigil.service().source().relistAll();
        List<String> lines = log.messages();
        assertThat(lines.stream().filter(l -> l.contains(FORBIDDEN_KIND)))
                .as("one line for the forbidden kind across start and two re-lists: " + lines)
                .containsExactly("not permitted to list/watch " + FORBIDDEN_KIND
                        + ": skipping it (findings that need it are not produced)");
        for (String kind : NOT_SERVED) {
            assertThat(lines).containsOnlyOnce(kind + " is not served by this cluster: skipping it");
        }
        assertThat(log.events()).as("no stack trace for a skipped kind").allMatch(e -> e.getThrowableProxy() == null);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(PromText.parse(
                                        Http.get(vigil.baseUrl() + "/metrics").body())
                                .value(
                                        MetricCatalog.INFORMER_STATE.name(),
                                        Map.of("kind", FORBIDDEN_KIND, "state", "forbidden")))
                        .contains(1.0));
    }
}
