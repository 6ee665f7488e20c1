package io.vigil.bench;

import io.vertx.core.Vertx;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.FindingEvent;
import io.vigil.model.Kinds;
import io.vigil.pipeline.AuditVerticle;
import io.vigil.pipeline.FindingLedger;
import io.vigil.pipeline.FindingSink;
import io.vigil.pipeline.InformerState;
import io.vigil.pipeline.PipelineMetrics;
import io.vigil.pipeline.PipelineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The service's first full evaluation after the initial sync, through the real {@link AuditVerticle} on a real
 * Vert.x (keys, slices on the sync workers, ledger and a counting sink on the event loop), with one thread and
 * with {@code threads}, over the same synthetic cache. Clock: from the informer state that opens the gate to
 * the first full evaluation's publication ({@code fullEvaluationFinished}). After warm-up passes, three rounds of
 * each; the median (min–max) is printed, with the JIT compile time that still fell into the passes. Prints Markdown rows. Usage: PipelineSyncBench [pods] [namespaces] [threads].
 */
public final class PipelineSyncBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int threads = args.length > 2
                ? Integer.parseInt(args[2])
                : Runtime.getRuntime().availableProcessors();
        AuditSettings settings = AuditSettings.defaults();
        StoreView cache = new StoreView(settings);
        BenchData.namespaces(namespaces).forEach(b -> cache.ingest(Kinds.NAMESPACE, b));
        BenchData.networkPolicies(namespaces).forEach(b -> cache.ingest(Kinds.NETWORK_POLICY, b));
        BenchData.pods(n, namespaces, 1).forEach(b -> cache.ingest(Kinds.POD, b));
        Vertx vertx = Vertx.vertx();
        try {
            // JIT warm-up of both paths; one pass each left the compiler busy through the measured passes (issue 13)
            int[] pass = {0};
            int warmUps = BenchData.warmUp(WARM_UP_PASSES, MAX_WARM_UP_PASSES, () -> {
                firstPass(vertx, cache, settings, pass[0]++ % 2 == 0 ? threads : 1);
            });
            List<Pass> ones = new java.util.ArrayList<>();
            List<Pass> alls = new java.util.ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                ones.add(firstPass(vertx, cache, settings, 1));
                alls.add(firstPass(vertx, cache, settings, threads));
            }
            Pass one = median(ones);
            Pass all = median(alls);
            int objects = cache.cachedObjects();
            System.out.printf(
                    "| *PipelineSyncBench: %d pods, %d namespaces, %d objects cached; %d warm-up passes (at least %d, until one "
                            + "compiles for < 5%% of its time), then %d rounds of "
                            + "one pass on 1 thread and one on %d: median (min–max); %s* | | | |%n",
                    n, namespaces, objects, warmUps, WARM_UP_PASSES, ROUNDS, threads, BenchData.jvm());
            System.out.printf(
                    "| first full evaluation through AuditVerticle, 1 thread | %,.0f (%s) objects/s (%d events, %.2f s) | - | - |%n",
                    objects / one.seconds, range(ones, objects), one.events, one.seconds);
            System.out.printf(
                    "| first full evaluation through AuditVerticle, %d threads | %,.0f (%s) objects/s (%d events, %.2f s; "
                            + "%.2f× one thread) | - | %s |%n",
                    threads,
                    objects / all.seconds,
                    range(alls, objects),
                    all.events,
                    all.seconds,
                    one.seconds / all.seconds,
                    Stream.concat(ones.stream(), alls.stream()).allMatch(p -> p.events == one.events)
                            ? "same events"
                            : "EVENT COUNTS DIFFER");
            System.out.printf(
                    "| JIT compilation during the measured passes, 1 thread / %d threads | %s / %s ms | - | - |%n",
                    threads, jit(ones), jit(alls));
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    static final int WARM_UP_PASSES = 6;
    static final int MAX_WARM_UP_PASSES = 30;
    static final int ROUNDS = 3;

    record Pass(double seconds, long events, long jitMillis) {}

    private static Pass median(List<Pass> passes) {
        List<Pass> sorted = new java.util.ArrayList<>(passes);
        sorted.sort(java.util.Comparator.comparingDouble(Pass::seconds));
        return sorted.get(sorted.size() / 2);
    }

    private static String range(List<Pass> passes, int objects) {
        double slowest = passes.stream().mapToDouble(Pass::seconds).max().orElse(0);
        double fastest = passes.stream().mapToDouble(Pass::seconds).min().orElse(0);
        return String.format("%,.0f–%,.0f", objects / slowest, objects / fastest);
    }

    private static String jit(List<Pass> passes) {
        return String.join(
                ", ", passes.stream().map(p -> Long.toString(p.jitMillis)).toList());
    }

    private static Pass firstPass(Vertx vertx, StoreView cache, AuditSettings settings, int threads) throws Exception {
        AtomicLong events = new AtomicLong();
        CountDownLatch passPublished = new CountDownLatch(1);
        PipelineMetrics finished = new PipelineMetrics() {
            @Override
            public void fullEvaluationFinished(Instant at) {
                passPublished.countDown();
            }
        };
        FindingSink sink = new FindingSink() {
            @Override
            public void publish(List<FindingEvent> published, long receivedNanos) {
                events.addAndGet(published.size());
            }
        };
        AuditVerticle verticle = new AuditVerticle(
                new Evaluator(BuiltInChecks.catalog().all(), settings),
                new FindingLedger(),
                List.of(sink),
                finished,
                new PipelineSettings(Duration.ofHours(1), 512, Duration.ofHours(1), threads),
                Clock.systemUTC());
        verticle.attach(cache);
        String id = vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        long jit0 = BenchData.jitMillis();
        long t0 = System.nanoTime();
        verticle.stateChanged(Kinds.POD, InformerState.SYNCED);
        if (!passPublished.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the first full evaluation did not finish in 30 min");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        vertx.undeploy(id).await(30, TimeUnit.SECONDS);
        return new Pass(seconds, events.get(), BenchData.jitMillis() - jit0);
    }
}
