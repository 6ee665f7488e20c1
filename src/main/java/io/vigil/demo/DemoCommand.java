package io.vigil.demo;

import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineCapture;
import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.cli.ExitCodes;
import io.vigil.cli.UserError;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.Setting;
import io.vigil.config.VigilConfig;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.Masking;
import io.vigil.model.TrackedFinding;
import io.vigil.pipeline.FindingSink;
import io.vigil.service.VigilService;
import io.vigil.sink.ConsoleSink;
import io.vigil.sink.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil demo}: the whole pipeline against an embedded API server seeded with the Task API. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run Vigil against an in-process Kubernetes API server seeded with the Task API example,",
            "stream finding events to the console, then apply a scripted drift and a partial revert."
        })
public final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port for /metrics and /api (default: ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(
            names = "--drift-after",
            defaultValue = "5",
            paramLabel = "SECONDS",
            description = "seconds after the first evaluation before the scripted drift (default: ${DEFAULT-VALUE})")
    int driftAfter;

    @Option(
            names = "--duration",
            defaultValue = "0",
            paramLabel = "SECONDS",
            description = "stop after this many seconds (default: run until Ctrl-C)")
    int duration;

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "HOST:PORT",
            description = "publish to this Kafka cluster instead of an in-process broker")
    String kafkaBootstrap;

    @Option(names = "--no-kafka", description = "do not publish to Kafka at all (console and HTTP only)")
    boolean noKafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535 || driftAfter < 0 || duration < 0) {
            throw new UserError("--port must be 0-65535; --drift-after and --duration must not be negative");
        }
        // --duration counts from here, the command's start, not from when the pipeline is up
        long started = System.nanoTime();
        // logging initialises here, before the broker's thread logs: SLF4J otherwise prints a replay warning
        org.slf4j.LoggerFactory.getILoggerFactory();
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = Files.createTempDirectory("vigil-demo-");
        // the broker is the slowest part: it starts while the API server starts and is seeded
        if (!noKafka && kafkaBootstrap == null) {
            out.println("starting an in-process Kafka broker (KRaft) in parallel");
        }
        CompletableFuture<DemoKafka> kafkaStarting = CompletableFuture.supplyAsync(() -> startKafka(out, dataDir));
        out.println("vigil demo: starting an in-process Kubernetes API server (fabric8 mock, CRUD mode)");
        out.flush();
        try (EmbeddedCluster cluster = startSeeded(out, started);
                AutoCloseable broker = () -> kafkaStarting
                        .handle((kafka, failed) -> {
                            if (kafka != null) {
                                kafka.close();
                            }
                            return null;
                        })
                        .join()) {
            VigilService service = startService(cluster, kafkaStarting, dataDir, out, started);
            out.printf("vigil demo: started in %.1f s%n", seconds(started));
            out.printf(
                    "HTTP on :%d  (curl localhost:%d/api/v1/findings?severity=critical, /metrics, /readyz)%n",
                    service.httpPort(), service.httpPort());
            out.println("finding events as they happen:");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "vigil-demo-shutdown"));
            awaitReady(service);
            Baseline baseline = captureBaseline(service);
            out.printf(
                    "baseline captured: %d accepted findings, %d fingerprinted objects (digest %s); from now on"
                            + " anything new is drift%n",
                    baseline.findings().size(),
                    baseline.fingerprints().size(),
                    baseline.digest().substring(0, 12));
            out.flush();
            long deadline = duration > 0 ? started + TimeUnit.SECONDS.toNanos(duration) : Long.MAX_VALUE;
            runScript(cluster, out, stopped, deadline);
            if (duration > 0) {
                stopped.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } else {
                stopped.await();
            }
            out.println("vigil demo: stopping");
            out.flush();
            service.stop();
        }
        return ExitCodes.OK;
    }

    private static final String EVENTS_TOPIC = "vigil.finding-events.v1";

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Starts and seeds while the broker may still be starting, and says so: progress, not silence. */
    private static EmbeddedCluster startSeeded(PrintWriter out, long started) {
        EmbeddedCluster cluster = EmbeddedCluster.startWithDapr();
        int seeded;
        try {
            seeded = DemoScenario.seed(cluster);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        out.printf(
                "seeded the Task API at %.1f s: %d objects in namespaces task-api-dev (insecure) and task-api"
                        + " (hardened)%n",
                seconds(started), seeded);
        out.flush();
        return cluster;
    }

    private static DemoKafka awaitKafka(CompletableFuture<DemoKafka> starting) throws Exception {
        try {
            return starting.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The broker the demo publishes to: in-process unless one was given; none with --no-kafka. */
    private record DemoKafka(String bootstrap, EmbeddedKafka broker) implements AutoCloseable {
        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private DemoKafka startKafka(PrintWriter out, Path dataDir) {
        if (noKafka) {
            return new DemoKafka(null, null);
        }
        if (kafkaBootstrap != null) {
            return new DemoKafka(kafkaBootstrap, null);
        }
        long started = System.nanoTime();
        EmbeddedKafka broker = EmbeddedKafka.start(dataDir.resolve("kafka"));
        out.printf("Kafka broker up in %.1f s%n", seconds(started));
        printFollow(out, broker.bootstrapServers());
        return new DemoKafka(broker.bootstrapServers(), broker);
    }

    private static void printFollow(PrintWriter out, String bootstrap) {
        out.printf(
                "Kafka at %s; follow the stream with:%n  kcat -C -b %s -t %s -X isolation.level=read_committed"
                        + " -f '%%k %%s\\n'%n",
                bootstrap, bootstrap, EVENTS_TOPIC);
        out.flush();
    }

    /**
     * The in-process broker is created empty, so the service does not wait for it: findings show as soon as the
     * API server is seeded and their events wait for the broker. A broker given with --kafka-bootstrap may hold
     * an earlier run's state, which the service resumes from before it evaluates, as {@code vigil watch} does.
     */
    private VigilService startService(
            EmbeddedCluster cluster,
            CompletableFuture<DemoKafka> kafkaStarting,
            Path dataDir,
            PrintWriter out,
            long started)
            throws Exception {
        List<FindingSink> console = List.of(new FirstFindings(new ConsoleSink(System.out), out, started));
        if (noKafka) {
            return VigilService.start(cluster.newClient(), options(null, dataDir), console, Clock.systemUTC())
                    .await(120, TimeUnit.SECONDS);
        }
        if (kafkaBootstrap != null) {
            DemoKafka external = awaitKafka(kafkaStarting);
            printFollow(out, external.bootstrap());
            return VigilService.start(
                            cluster.newClient(), options(external.bootstrap(), dataDir), console, Clock.systemUTC())
                    .await(120, TimeUnit.SECONDS);
        }
        VigilConfig noBrokerYet = config(null, dataDir);
        VigilService.EmptyBroker broker = new VigilService.EmptyBroker(
                noBrokerYet.cluster().name(),
                noBrokerYet.kafka().outboxMaxRecords(),
                kafkaStarting.thenApply(kafka -> KafkaSettings.of(
                        noBrokerYet.cluster().name(),
                        config(kafka.bootstrap(), dataDir).kafka())));
        return VigilService.startBefore(
                        broker,
                        cluster.newClient(),
                        VigilService.Options.from(noBrokerYet, Masking.unkeyed()),
                        console,
                        Clock.systemUTC())
                .await(120, TimeUnit.SECONDS);
    }

    private VigilService.Options options(String bootstrap, Path dataDir) {
        return VigilService.Options.from(config(bootstrap, dataDir), Masking.unkeyed());
    }

    /**
     * The demo's settings, validated into a {@link VigilConfig} as {@code vigil watch} validates its own: the API
     * is open, the data directory temporary, Kafka at {@code bootstrap} (none when null).
     */
    private VigilConfig config(String bootstrap, Path dataDir) {
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.HTTP_PORT, Integer.toString(port));
        settings.put(Setting.API_AUTH, "none");
        settings.put(Setting.DATA_DIR, dataDir.resolve("data").toString());
        settings.put(Setting.KAFKA_EVENTS_TOPIC, EVENTS_TOPIC);
        settings.put(Setting.KAFKA_EVENTS_RETENTION, "7d");
        if (bootstrap != null) {
            settings.put(Setting.KAFKA_BOOTSTRAP_SERVERS, bootstrap);
        }
        try {
            return new ConfigLoader(BuiltInChecks.catalog().ids()).load(settings, null);
        } catch (ConfigException e) {
            throw new UserError("invalid demo settings:\n" + e.getMessage());
        }
    }

    /** Prints when the first findings appear, counted from the command's start (the demo's promise is 5 s). */
    private static final class FirstFindings implements FindingSink {
        private final FindingSink console;
        private final PrintWriter out;
        private final long started;
        private boolean shown;

        FirstFindings(FindingSink console, PrintWriter out, long started) {
            this.console = console;
            this.out = out;
            this.started = started;
        }

        @Override
        public void publish(List<FindingEvent> events, long receivedNanos) {
            if (!shown && !events.isEmpty()) {
                shown = true;
                out.printf("vigil demo: first findings at %.1f s%n", seconds(started));
                out.flush();
            }
            console.publish(events, receivedNanos);
        }
    }

    /** The audited state of the seeded cluster, installed so the scripted changes show as drift. */
    /** Accepts what the running service sees now as the audited baseline, as the demo does a few seconds in. */
    public static Baseline captureBaseline(VigilService service) throws Exception {
        List<Finding> open = service.pipeline().openFindings().await(30, TimeUnit.SECONDS).stream()
                .map(TrackedFinding::finding)
                .toList();
        AuditSettings settings = AuditSettings.defaults();
        Baseline baseline = BaselineCapture.capture(
                service.source().objects(),
                open,
                settings,
                BaselineCapture.metadata(settings, Instant.now(), "vigil demo", "embedded cluster"));
        service.governance().installBaseline(baseline);
        return baseline;
    }

    private static void awaitReady(VigilService service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!service.ready() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** The scripted drift and revert, cut short when the command's --duration is over. */
    private void runScript(EmbeddedCluster cluster, PrintWriter out, CountDownLatch stopped, long deadline)
            throws InterruptedException {
        if (pause(stopped, driftAfter, deadline)) {
            return;
        }
        out.println("--- drift: a wildcard ClusterRole bound to oncall@example.com, a privileged pod in task-api");
        out.flush();
        DemoScenario.drift(cluster.admin());
        if (pause(stopped, Math.max(3, driftAfter), deadline)) {
            return;
        }
        out.println("--- partial revert: the privileged pod is deleted (the wildcard grant stays)");
        out.flush();
        DemoScenario.revert(cluster.admin());
    }

    /** Waits {@code seconds} or until the deadline; true when the demo must stop (Ctrl-C or deadline reached). */
    private static boolean pause(CountDownLatch stopped, int seconds, long deadline) throws InterruptedException {
        long wait = Math.min(TimeUnit.SECONDS.toNanos(seconds), deadline - System.nanoTime());
        return stopped.await(Math.max(0, wait), TimeUnit.NANOSECONDS) || System.nanoTime() >= deadline;
    }
}
