package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vigil.format.FindingJson;
import io.vigil.metrics.MetricCatalog;
import io.vigil.pipeline.InformerState;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import io.vigil.testing.Forbidden;
import io.vigil.testing.LogCapture;
import io.vigil.testing.PromText;
import io.vigil.testing.RunningVigil;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A ServiceAccount without Vigil's ClusterRole: the API server (the mock in expectations mode) answers 403 to
 * every LIST and serves no custom kind. Vigil must not look like a cluster without findings: {@code /readyz} is
 * 503 with the reason, {@code vigil_informer_state} shows each kind forbidden, and the log has one line per
 * skipped kind, also after full re-evaluations ask again.
 */
class EveryKindForbiddenIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void noReadableKindMeansNotReadyWithTheReason() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        List<WatchedKind> builtIn =
                WatchedKinds.ALL.stream().filter(k -> !k.optional()).toList();
        builtIn.forEach(k -> Forbidden.kind(server, k));
        try (LogCapture log = LogCapture.start("io.vigil");
                RunningVigil vigil = RunningVigil.start(server.createClient(), RunningVigil.fastPipeline())) {
            Map<String, String> expected = new TreeMap<>();
            WatchedKinds.ALL.forEach(k -> expected.put(
                    k.kindKey(), (k.optional() ? InformerState.NOT_SERVED : InformerState.FORBIDDEN).label()));
            await().atMost(WAIT).untilAsserted(() -> assertThat(states(vigil)).isEqualTo(expected));

            var ready = vigil.readyz();
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode body = FindingJson.MAPPER.readTree(ready.body());
            assertThat(body.get("ready").asBoolean()).isFalse();
            assertThat(body.get("reasons"))
                    .extracting(JsonNode::asText)
                    .containsExactly("not permitted to list/watch any watched kind (" + builtIn.size()
                            + " forbidden, the rest not served): bind Vigil's ClusterRole to its ServiceAccount");
            assertThat(body.get("forbidden")).hasSize(builtIn.size());
            assertThat(vigil.open()).isEmpty();

            // two full re-evaluations ask every kind again and get the same answers: nothing more is logged
            vigil.service().source().relistAll();
            vigil.service().source().relistAll();
            assertThat(states(vigil)).isEqualTo(expected);
            List<String> lines = log.messages();
            List<String> service = List.of(
                    "HTTP listening on port " + vigil.service().httpPort(),
                    "informers synced (0 objects cached): running the first full evaluation");
            assertThat(lines)
                    .as("one line per skipped kind, and the service's own start lines: " + String.join("\n", lines))
                    .hasSize(WatchedKinds.ALL.size() + service.size())
                    .containsAll(service);
            assertThat(log.lines()).as("no stack traces").isEqualTo(lines.size());
            for (WatchedKind k : WatchedKinds.ALL) {
                assertThat(lines)
                        .as(k.kindKey())
                        .containsOnlyOnce(
                                k.optional()
                                        ? k.kindKey() + " is not served by this cluster: skipping it"
                                        : "not permitted to list/watch " + k.kindKey()
                                                + ": skipping it (findings that need it are not produced)");
            }
            assertThat(vigil.gauge(MetricCatalog.API_SERVER_UP.name())).isEqualTo(1.0);
        } finally {
            server.destroy();
        }
    }

    /** kind -> the state whose {@code vigil_informer_state} series is 1, as scraped. */
    static Map<String, String> states(RunningVigil vigil) {
        Map<String, String> out = new TreeMap<>();
        PromText scrape = PromText.parse(vigil.service().metrics().scrape("text/plain"));
        for (PromText.Sample s : scrape.samples(MetricCatalog.INFORMER_STATE.name())) {
            if (s.value() == 1.0) {
                out.put(s.labels().get("kind"), s.labels().get("state"));
            }
        }
        return out;
    }
}
