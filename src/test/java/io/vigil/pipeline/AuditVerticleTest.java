package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.model.FindingEvent;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verticle's contract (DESIGN §2, §7) against an in-memory source and a sink that can refuse: no
 * cluster, no broker. Only a Vert.x instance, because the verticle is one.
 */
class AuditVerticleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceKey SETTINGS = new ResourceKey(Kinds.CONFIG_MAP, "shop", "settings");

    private final MemorySource source = new MemorySource();
    private final RecordingCheck check = new RecordingCheck();
    private final GateSink sink = new GateSink();
    private Vertx vertx;
    private AuditVerticle verticle;

    @BeforeEach
    void deploy() throws Exception {
        vertx = Vertx.vertx();
        verticle = new AuditVerticle(
                new Evaluator(List.of(check), AuditSettings.defaults()),
                new FindingLedger(),
                List.of(sink),
                PipelineMetrics.NONE,
                new PipelineSettings(Duration.ofHours(1), 512, Duration.ofHours(1)),
                Clock.systemUTC());
        verticle.attach(source);
        vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
        verticle.stateChanged(Kinds.CONFIG_MAP, InformerState.SYNCED);
        await().atMost(Duration.ofSeconds(10)).until(verticle::ready);
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void whileTheSinkRefusesKeysWaitAndABurstForOneKeyIsOneEvaluationOfItsLatestStateAfter() throws Exception {
        change("v1");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 1);

        sink.accepting = false;
        for (int i = 2; i <= 50; i++) {
            change("v" + i);
        }
        settle();
        assertThat(check.evaluated).as("paused while the sink refuses").containsExactly("v1");

        sink.accepting = true;
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() == 2);
        settle();
        assertThat(check.evaluated)
                .as("the burst collapsed into one evaluation")
                .containsExactly("v1", "v50");
        assertThat(sink.events.get(0)).isInstanceOf(FindingEvent.Opened.class);
        assertThat(sink.events.get(1)).isInstanceOf(FindingEvent.Changed.class);
        assertThat(sink.events.get(1).finding().observed()).isEqualTo("v50");
    }

    @Test
    void theEventsOfOneKeyFollowTheOrderOfItsChanges() throws Exception {
        for (int i = 1; i <= 40; i++) {
            change("v" + i);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sink.events.isEmpty()
                        && "v40"
                                .equals(sink.events
                                        .get(sink.events.size() - 1)
                                        .finding()
                                        .observed()));
        List<Integer> observed = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (FindingEvent e : sink.events) {
            observed.add(Integer.parseInt(e.finding().observed().substring(1)));
            sequences.add(e.sequence());
        }
        assertThat(observed).isSorted().doesNotHaveDuplicates();
        assertThat(sequences).first().isEqualTo(1L);
        for (int i = 1; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(sequences.get(i - 1) + 1);
        }
    }

    /** The object changes in the cache, then the informer hands over its key (the order fabric8 keeps). */
    private void change(String value) {
        ObjectNode body = JSON.createObjectNode();
        body.put("apiVersion", "v1").put("kind", "ConfigMap");
        body.putObject("metadata").put("name", SETTINGS.name()).put("namespace", SETTINGS.namespace());
        body.putObject("data").put("value", value);
        source.objects.put(
                SETTINGS, new KubeObject(new ResourceRef("v1", "ConfigMap", "shop", "settings", "uid-1"), body, null));
        verticle.changed(SETTINGS, "update");
    }

    /** Waits until the loop has run everything posted so far (its context runs tasks in order). */
    private void settle() throws Exception {
        verticle.openFindings().await(10, TimeUnit.SECONDS);
    }

    /** Records every value it was evaluated with. */
    private static final class RecordingCheck extends DataValueCheck {
        final List<String> evaluated = new CopyOnWriteArrayList<>();

        RecordingCheck() {
            super("test-recording");
        }

        @Override
        void seen(String value) {
            evaluated.add(value);
        }
    }

    private static final class GateSink implements FindingSink {
        final List<FindingEvent> events = new CopyOnWriteArrayList<>();
        volatile boolean accepting = true;

        @Override
        public void publish(List<FindingEvent> published, long receivedNanos) {
            events.addAll(published);
        }

        @Override
        public boolean accepting() {
            return accepting;
        }
    }
}
