package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.FindingEvent;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScannedObject;
import io.vigil.testing.Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "parallel initial sync": the first full evaluation after the initial sync evaluates disjoint
 * slices on several worker threads at once, and the outcome is exactly the sequential one; the ledger and
 * the sinks are only ever touched on the verticle's event loop; later evaluations run one batch on one
 * thread, as before.
 */
class InitialSyncParallelTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    /** Small batches, so that the fixtures' objects make several batches and slices of each. */
    private static final int BATCH = 32;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theFirstFullEvaluationOnFourThreadsPublishesExactlyWhatOneThreadPublishes() throws Exception {
        MemorySource source = new MemorySource();
        fixtureObjects().forEach(source::put);
        List<Check> checks = BuiltInChecks.catalog().all();

        Run sequential = run(source, checks, BATCH, 1);
        Run parallel = run(source, checks, BATCH, 4);

        assertThat(source.cachedObjects()).as("objects cached").isGreaterThan(150);
        assertThat(sequential.events).as("findings opened").hasSizeGreaterThan(150);
        assertThat(parallel.events).as("the same events, in the same order").isEqualTo(sequential.events);
        assertThat(parallel.evaluatedOn.stream().filter(t -> t.startsWith("vigil-initial-sync")))
                .as("four slices at once: four sync workers")
                .hasSize(4);
        assertThat(parallel.evaluatedOn.stream().filter(t -> !t.startsWith("vigil-initial-sync")))
                .as("besides them only the loop (a last batch of at most 16 keys is evaluated inline)")
                .allMatch(t -> t.startsWith("vert.x-eventloop-thread"));
        assertThat(sequential.evaluatedOn).noneMatch(t -> t.startsWith("vigil-initial-sync"));
        for (Run r : List.of(sequential, parallel)) {
            assertThat(r.publishedOn)
                    .as("the ledger and the sinks only on the verticle's event loop")
                    .containsExactly(r.loop());
            assertThat(r.loop().isEventLoopContext()).isTrue();
        }
    }

    @Test
    void theFirstPassRunsOnTwoThreadsAtOnceAndLaterChangesRunAsOneBatchOnOneThread() throws Exception {
        MemorySource source = new MemorySource();
        for (int i = 0; i < 40; i++) {
            source.put(configMap("settings-" + i, "v0"));
        }
        Rendezvous rendezvous = new Rendezvous();

        Run run = run(source, List.of(rendezvous), 64, 2);
        assertThat(rendezvous.met)
                .as("two slices were evaluated at the same time (each waited for the other)")
                .isEqualTo(2);
        Set<String> firstPass = Set.copyOf(rendezvous.threads);
        assertThat(firstPass).hasSize(2).allMatch(t -> t.startsWith("vigil-initial-sync"));

        rendezvous.threads.clear();
        run.accepting = false;
        for (int i = 0; i < 40; i++) {
            source.put(configMap("settings-" + i, "v1"));
            run.verticle.changed(configMap("settings-" + i, "v1").key(), "update");
        }
        run.verticle.openFindings().await(10, TimeUnit.SECONDS);
        run.accepting = true;
        await().atMost(WAIT).until(() -> run.events.size() == 80);
        assertThat(run.events.subList(40, 80)).allMatch(e -> e instanceof FindingEvent.Changed);
        assertThat(Set.copyOf(rendezvous.threads))
                .as("steady state: the 40 keys that waited are one batch on one worker, not a sync worker")
                .hasSize(1)
                .noneMatch(t -> t.startsWith("vigil-initial-sync"));
        assertThat(run.publishedOn).containsExactly(run.loop());
    }

    @Test
    void theNextBatchOfTheFirstPassIsEvaluatedWhileTheLoopAppliesThePreviousOneAndOrderHolds() throws Exception {
        MemorySource source = new MemorySource();
        for (int i = 0; i < 64; i++) {
            source.put(configMap(String.format("settings-%02d", i), "v" + i));
        }
        List<Check> checks = List.of(new DataValueCheck("test-data-value") {
            @Override
            void seen(String value) {}
        });
        Run sequential = run(source, checks, 16, 1);
        Run overlapped = new Run();
        // batches of 16 keys x 2 threads: the loop holds its first publication until a key of the second batch
        // has been evaluated, which happens only if that batch is already on the workers
        overlapped.holdFirstPublishUntilEvaluated = 33;
        run(overlapped, source, checks, 16, 2);

        assertThat(overlapped.heldUntilSecondBatchRan)
                .as("the second batch was evaluated while the loop was applying the first")
                .isTrue();
        assertThat(sequential.events).hasSize(64);
        assertThat(overlapped.events)
                .as("outcomes applied in the order their batches were taken")
                .isEqualTo(sequential.events);
        assertThat(overlapped.publishedOn).containsExactly(overlapped.loop());
    }

    private Run run(MemorySource source, List<Check> checks, int batch, int threads) throws Exception {
        return run(new Run(), source, checks, batch, threads);
    }

    private Run run(Run run, MemorySource source, List<Check> checks, int batch, int threads) throws Exception {
        run.verticle = new AuditVerticle(
                new Evaluator(checks, AuditSettings.defaults()),
                new FindingLedger(),
                List.of(run),
                run,
                new PipelineSettings(Duration.ofHours(1), batch, Duration.ofHours(1), threads),
                CLOCK);
        run.verticle.attach(source);
        vertx.deployVerticle(run.verticle).await(10, TimeUnit.SECONDS);
        run.verticle.stateChanged(Kinds.CONFIG_MAP, InformerState.SYNCED);
        await().atMost(WAIT).until(run.verticle::ready);
        return run;
    }

    /** What one verticle published, where, and on which threads it evaluated. */
    private static final class Run implements FindingSink, PipelineMetrics {
        AuditVerticle verticle;
        final List<FindingEvent> events = new CopyOnWriteArrayList<>();
        final Set<Context> publishedOn = ConcurrentHashMap.newKeySet();
        final Set<String> evaluatedOn = ConcurrentHashMap.newKeySet();
        final AtomicInteger evaluations = new AtomicInteger();
        /** When positive, the first publication waits (on the loop, up to 10 s) until this many evaluations ran. */
        volatile int holdFirstPublishUntilEvaluated;

        volatile boolean heldUntilSecondBatchRan;
        volatile Context stateOn;
        volatile boolean accepting = true;

        @Override
        public boolean accepting() {
            return accepting;
        }

        /** The verticle's context: where informer states are handled. */
        Context loop() {
            return stateOn;
        }

        @Override
        public void publish(List<FindingEvent> published, long receivedNanos) {
            assertThat(Context.isOnEventLoopThread()).isTrue();
            publishedOn.add(Vertx.currentContext());
            if (events.isEmpty() && holdFirstPublishUntilEvaluated > 0) {
                heldUntilSecondBatchRan = hold();
            }
            events.addAll(published);
        }

        @Override
        public void informerState(String kindKey, InformerState state) {
            stateOn = Vertx.currentContext();
        }

        @Override
        public void evaluated(long nanos) {
            evaluatedOn.add(Thread.currentThread().getName());
            evaluations.incrementAndGet();
        }

        private boolean hold() {
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> evaluations.get() >= holdFirstPublishUntilEvaluated);
                return true;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                return false;
            }
        }
    }

    /**
     * Reports each ConfigMap's {@code data.value}; the first evaluation on each of two threads waits (up to 10 s)
     * until the other thread is evaluating too, which only happens when slices run at the same time.
     */
    private static final class Rendezvous extends DataValueCheck {
        private final CountDownLatch twoThreads = new CountDownLatch(2);
        private final Set<String> arrived = ConcurrentHashMap.newKeySet();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile int met;

        Rendezvous() {
            super("test-rendezvous");
        }

        @Override
        void seen(String value) {
            String thread = Thread.currentThread().getName();
            threads.add(thread);
            if (arrived.size() < 2 && arrived.add(thread)) {
                twoThreads.countDown();
                try {
                    if (twoThreads.await(10, TimeUnit.SECONDS)) {
                        synchronized (this) {
                            met++;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static KubeObject configMap(String name, String value) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "v1").put("kind", "ConfigMap");
        body.putObject("metadata").put("name", name).put("namespace", "shop");
        body.putObject("data").put("value", value);
        return new KubeObject(new ResourceRef("v1", "ConfigMap", "shop", name, "uid-" + name), body, null);
    }

    /** Every check fixture's objects in one cache (a later fixture's object replaces an earlier one of its key). */
    private static List<KubeObject> fixtureObjects() {
        return Fixture.all().stream()
                .flatMap(f -> read(f).stream())
                .filter(o -> o.name() != null)
                .collect(Collectors.toList());
    }

    private static List<KubeObject> read(Fixture f) {
        try {
            return new ManifestReader("default")
                    .readBytes(f.file().toString(), Files.readAllBytes(f.file())).result().objects().stream()
                            .map(ScannedObject::object)
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
