package io.vigil.bench;

import io.vigil.checks.BuiltInChecks;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.demo.EmbeddedKafka;
import io.vigil.model.Kinds;
import io.vigil.sink.kafka.KafkaBootstrap;
import io.vigil.sink.kafka.KafkaSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.Producer;

/**
 * DESIGN §11 "watch event received -> Kafka ack": pre-serialised pod MODIFIED watch events are handed, at a fixed
 * rate on one thread (the informer's), to the informers' decode-and-store path (CompactSerialization into the
 * ProjectedStore), then their keys to the real AuditVerticle, whose findings go through the real KafkaSink
 * (transactions) into an in-process KRaft broker. Open loop: each event's clock starts at its scheduled time.
 * Then a bare transactional producer replays the same records on the same schedule (BareProducer). Prints
 * HdrHistogram percentiles of both, of the verticle's event-loop tasks, and whether every finding event reached
 * Kafka committed. Usage: LatencyBench [pods] [seconds] [rate] [updated pods] [warm-up seconds] [namespaces];
 * {@code VIGIL_KAFKA_*} and {@code VIGIL_PIPELINE_*} variables tune the run as they tune {@code vigil watch}.
 */
public final class LatencyBench {
    static final int TARGET_RATE = 5000;
    static final double TARGET_P99_MS = 50;
    static final double TARGET_GAP_MS = 10;
    static final double TARGET_LOOP_MS = 10;

    record Options(int pods, int seconds, int rate, int updatedPods, int warmupSeconds, int namespaces) {}

    /**
     * Where the milliseconds go, stage by stage: per finding event, watch event due -> handed to KafkaSink and
     * handed -> its transaction begins; per transaction, begin -> commit returned, Vigil's and the bare producer's.
     */
    record Breakdown(Histogram handOver, Histogram batchWait, Histogram transactions, Histogram bareTransactions) {}

    record Result(
            Options options,
            KafkaSettings settings,
            long initialEvents,
            Histogram vigil,
            Histogram bare,
            Histogram loopTasks,
            Breakdown breakdown,
            Histogram feedLateness,
            double feedSeconds,
            long feedThreadCpuNanos,
            long processCpuNanos,
            Map<String, Long> cpuSplit,
            long measuredWallNanos,
            long measuredEvents,
            long published,
            long committedObserved,
            long inKafka,
            long bareCommitted,
            long bareInKafka) {}

    private LatencyBench() {}

    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Options o = new Options(
                pods,
                args.length > 1 ? Integer.parseInt(args[1]) : 60,
                args.length > 2 ? Integer.parseInt(args[2]) : TARGET_RATE,
                args.length > 3 ? Integer.parseInt(args[3]) : Math.min(pods, 10_000),
                args.length > 4 ? Integer.parseInt(args[4]) : 5,
                args.length > 5 ? Integer.parseInt(args[5]) : 500);
        LatencyReport.print(run(o));
        System.exit(0); // the broker's and Vert.x's non-daemon threads are closed, but never wait on them
    }

    static Result run(Options o) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VigilConfig config = config(kafka.bootstrapServers(), Files.createTempDirectory("vigil-latency-"));
            StoreView view = new StoreView(io.vigil.check.AuditSettings.defaults());
            sync(view, o);
            WatchEvents events = new WatchEvents(o.updatedPods(), o.namespaces());
            Histogram vigil;
            Histogram loop;
            Histogram handOver;
            Histogram batchWait;
            Histogram transactions;
            OpenLoop feed = new OpenLoop();
            long feedNanos;
            long feedCpu;
            long processCpu;
            Map<String, Long> cpuSplit;
            long wall;
            long initial;
            long measured;
            LivePipeline pipeline = new LivePipeline(config, view);
            try {
                Duration patience = Duration.ofMinutes(10);
                pipeline.start(view, patience);
                initial = pipeline.published.count();
                feed(new OpenLoop(), view, pipeline, events, 0, o.warmupSeconds() * o.rate(), o.rate());
                pipeline.awaitCommitted(patience);
                pipeline.resetHistograms();
                long before = pipeline.published.count();
                pipeline.published.record(true);
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long process0 = BenchData.processCpu();
                ThreadCpu.Snapshot threads0 = ThreadCpu.snapshot();
                long thread0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                feed(feed, view, pipeline, events, o.warmupSeconds() * o.rate(), o.seconds() * o.rate(), o.rate());
                feedNanos = System.nanoTime() - t0;
                feedCpu = threads.getCurrentThreadCpuTime() - thread0;
                pipeline.awaitCommitted(patience);
                wall = System.nanoTime() - t0;
                processCpu = BenchData.processCpu() - process0;
                cpuSplit = ThreadCpu.split(threads0, ThreadCpu.snapshot());
                pipeline.published.record(false);
                measured = pipeline.published.count() - before;
                vigil = pipeline.commitLatency();
                loop = pipeline.loopTasks();
                handOver = pipeline.published.handOverLatency();
                batchWait = pipeline.batchWait();
                transactions = pipeline.transactions();
            } finally {
                pipeline.close();
            }
            long inKafka = CommittedRecords.count(kafka.bootstrapServers(), pipeline.settings.eventsTopic());
            KafkaSettings bareSettings = bare(kafka.bootstrapServers(), config.dataDir());
            long bareCommitted;
            BareProducer bare;
            try (Producer<byte[], byte[]> producer =
                    KafkaBootstrap.connect(bareSettings, Duration.ofMinutes(1)).producer()) {
                bare = new BareProducer(producer, bareSettings);
                bareCommitted = bare.replay(pipeline.published.recorded(), pipeline.records);
            }
            long bareInKafka = CommittedRecords.count(kafka.bootstrapServers(), bareSettings.eventsTopic());
            return new Result(
                    o,
                    pipeline.settings,
                    initial,
                    vigil,
                    bare.latency,
                    loop,
                    new Breakdown(handOver, batchWait, transactions, bare.transactions),
                    feed.lateness,
                    feedNanos / 1e9,
                    feedCpu,
                    processCpu,
                    cpuSplit,
                    wall,
                    measured,
                    pipeline.published.count(),
                    pipeline.committed(),
                    inKafka,
                    bareCommitted,
                    bareInKafka);
        }
    }

    /** The initial LIST: namespaces, default-deny policies and every pod, through the informers' decode and store. */
    private static void sync(StoreView view, Options o) throws Exception {
        BenchData.namespaces(o.namespaces()).forEach(b -> view.ingest(Kinds.NAMESPACE, b));
        BenchData.networkPolicies(o.namespaces()).forEach(b -> view.ingest(Kinds.NETWORK_POLICY, b));
        BenchData.pods(o.pods(), o.namespaces(), 1).forEach(b -> view.ingest(Kinds.POD, b));
    }

    /** Events {@code from .. from+count} at {@code rate}: decode + store on this thread, then the key to the loop. */
    private static void feed(
            OpenLoop loop, StoreView view, LivePipeline pipeline, WatchEvents events, long from, int count, int rate)
            throws Exception {
        loop.run(OpenLoop.fixedRate(count, rate), (i, due) -> {
            pipeline.changed(view.watched(Kinds.POD, events.event(from + i)).key(), due);
        });
    }

    /**
     * The configuration {@code vigil watch} would load: its defaults, this bench's broker and data directory, and
     * the {@code VIGIL_KAFKA_*} / {@code VIGIL_PIPELINE_*} variables of the environment (to try other settings).
     * No periodic full re-evaluation during the run (it would re-queue every key in the middle of a measurement).
     */
    static VigilConfig config(String bootstrap, Path dataDir) {
        return config(bootstrap, dataDir, Map.of());
    }

    private static VigilConfig config(String bootstrap, Path dataDir, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("VIGIL_PIPELINE_FULL_EVALUATION_INTERVAL", "1d");
        env.put("VIGIL_PIPELINE_WATCH_HEALTH_INTERVAL", "5m"); // nothing watches: no watch to check
        env.putAll(System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("VIGIL_KAFKA_") || e.getKey().startsWith("VIGIL_PIPELINE_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        env.put("VIGIL_CLUSTER_NAME", "bench");
        env.put("VIGIL_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("VIGIL_DATA_DIR", dataDir.toString());
        env.put("VIGIL_API_AUTH", "none");
        env.putAll(overrides);
        return new ConfigLoader(BuiltInChecks.catalog().ids()).load(Optional.empty(), env);
    }

    /** The bare producer's own topics and transactional id, with Vigil's producer settings and batching. */
    private static KafkaSettings bare(String bootstrap, Path dataDir) {
        VigilConfig bare = config(
                bootstrap,
                dataDir,
                Map.of(
                        "VIGIL_CLUSTER_NAME", "bench-bare",
                        "VIGIL_KAFKA_EVENTS_TOPIC", "bench.bare-events",
                        "VIGIL_KAFKA_STATE_TOPIC", "bench.bare-state"));
        return KafkaSettings.of(bare.cluster().name(), bare.kafka());
    }
}
