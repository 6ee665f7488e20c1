package io.vigil.service;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vigil.baseline.BaselineCodec;
import io.vigil.baseline.Fingerprints;
import io.vigil.check.AuditSettings;
import io.vigil.check.CheckCatalog;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.config.ApiConfig;
import io.vigil.config.Secret;
import io.vigil.config.Version;
import io.vigil.config.VigilConfig;
import io.vigil.http.HttpApi;
import io.vigil.metrics.FindingGauges;
import io.vigil.metrics.HeapPressure;
import io.vigil.metrics.MetricCatalog;
import io.vigil.metrics.PipelineMeters;
import io.vigil.metrics.PolicyGauges;
import io.vigil.metrics.VigilMetrics;
import io.vigil.model.ConfigChange;
import io.vigil.model.FindingEvent;
import io.vigil.model.Masking;
import io.vigil.pipeline.AuditVerticle;
import io.vigil.pipeline.FindingLedger;
import io.vigil.pipeline.FindingPolicy;
import io.vigil.pipeline.FindingSink;
import io.vigil.pipeline.InformerState;
import io.vigil.pipeline.PipelineSettings;
import io.vigil.policy.AnnotatedPolicy;
import io.vigil.policy.AuditPolicy;
import io.vigil.policy.Governance;
import io.vigil.sink.kafka.ConfigChangedRecords;
import io.vigil.sink.kafka.FindingRecords;
import io.vigil.sink.kafka.KafkaBootstrap;
import io.vigil.sink.kafka.KafkaResume;
import io.vigil.sink.kafka.KafkaSettings;
import io.vigil.sink.kafka.KafkaSink;
import io.vigil.sink.kafka.PendingRecord;
import io.vigil.source.KubeSource;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring of the continuous audit: source, pipeline, sinks, metrics and HTTP on one Vert.x instance. */
public final class VigilService {
    private static final Logger LOG = LoggerFactory.getLogger(VigilService.class);

    /** What the service needs besides the cluster client. {@code apiToken} null means {@code api.auth: none}. */
    public record Options(
            AuditSettings audit,
            CheckCatalog checks,
            PipelineSettings pipeline,
            String httpHost,
            int httpPort,
            String apiToken,
            boolean namespaceMetrics,
            List<WatchedKind> kinds,
            Optional<KafkaSettings> kafka,
            Path dataDir,
            VigilConfig.Source baseline,
            VigilConfig.Source exceptions,
            boolean exceptionAnnotations) {
        /** What {@code vigil watch} runs with: everything comes from the validated configuration. */
        public static Options from(VigilConfig cfg, Masking masking) {
            var p = cfg.pipeline();
            String token = cfg.api().auth() == ApiConfig.Auth.NONE
                    ? null
                    : cfg.api().token().map(Secret::reveal).orElse(null);
            Optional<KafkaSettings> kafka = cfg.kafka().enabled()
                    ? Optional.of(KafkaSettings.of(cfg.cluster().name(), cfg.kafka()))
                    : Optional.empty();
            return new Options(
                    cfg.auditSettings().withMasking(masking),
                    cfg.audit().select(BuiltInChecks.catalog()),
                    new PipelineSettings(p.fullEvaluationInterval(), p.batchSize(), p.watchHealthInterval()),
                    cfg.http().host(),
                    cfg.http().port(),
                    token,
                    cfg.metrics().namespaceFindings(),
                    WatchedKinds.ALL,
                    kafka,
                    cfg.dataDir(),
                    cfg.baseline(),
                    cfg.exceptions(),
                    cfg.exceptionAnnotations());
        }
    }

    private final Vertx vertx;
    private final KubernetesClient client;
    private final VigilMetrics metrics;
    private final AuditVerticle verticle;
    private final KubeSource source;
    private final List<FindingSink> sinks;
    private HttpServer http;

    private final Governance governance;
    private Optional<Leadership> leadership = Optional.empty();

    private VigilService(
            Vertx vertx,
            KubernetesClient client,
            VigilMetrics metrics,
            AuditVerticle verticle,
            KubeSource source,
            List<FindingSink> sinks,
            Governance governance) {
        this.governance = governance;
        this.vertx = vertx;
        this.client = client;
        this.metrics = metrics;
        this.verticle = verticle;
        this.source = source;
        this.sinks = sinks;
    }

    /** Starts a single replica, which always publishes (no leader election). */
    public static Future<VigilService> start(
            KubernetesClient client, Options options, List<FindingSink> extraSinks, Clock clock) {
        return start(client, options, Optional.empty(), extraSinks, clock);
    }

    /**
     * Starts everything; the future completes once HTTP listens (the audit then syncs in the background). With
     * {@code ha}, this replica watches and evaluates at once but publishes to Kafka only while it leads.
     */
    public static Future<VigilService> start(
            KubernetesClient client,
            Options options,
            Optional<Leadership.Settings> ha,
            List<FindingSink> extraSinks,
            Clock clock) {
        return start(client, options, ha, Optional.empty(), extraSinks, clock);
    }

    /**
     * A broker that this process creates empty and that comes up after the service (the demo's in-process one):
     * findings are evaluated and shown at once, and their events wait, in order, until the broker is up (past
     * {@code waitingCapacity} events the pipeline is held back).
     */
    public record EmptyBroker(String cluster, int waitingCapacity, CompletionStage<KafkaSettings> settings) {}

    /** Starts a single replica whose Kafka is {@code broker}, still starting; {@code options} name no Kafka. */
    public static Future<VigilService> startBefore(
            EmptyBroker broker, KubernetesClient client, Options options, List<FindingSink> extraSinks, Clock clock) {
        if (options.kafka().isPresent()) {
            throw new IllegalArgumentException("the options name a Kafka cluster besides the empty broker");
        }
        return start(client, options, Optional.empty(), Optional.of(broker), extraSinks, clock);
    }

    private static Future<VigilService> start(
            KubernetesClient client,
            Options options,
            Optional<Leadership.Settings> ha,
            Optional<EmptyBroker> emptyBroker,
            List<FindingSink> extraSinks,
            Clock clock) {
        Vertx vertx = Vertx.vertx();
        VigilMetrics metrics = new VigilMetrics(Version.get());
        FindingLedger ledger = new FindingLedger();
        FindingGauges gauges = new FindingGauges(metrics, options.namespaceMetrics());
        gauges.declareControls(options.checks());
        metrics.gauge(MetricCatalog.FULL_EVALUATION_INTERVAL, Tags.empty())
                .set(options.pipeline().fullEvaluationInterval().toSeconds());
        List<FindingSink> sinks = new ArrayList<>(extraSinks);
        Optional<Leadership> leadership = Optional.empty();
        try {
            if (ha.isPresent() && options.kafka().isEmpty()) {
                LOG.info("leader election is on but Kafka is off: every replica serves findings, none publishes");
            }
            leadership = ha.filter(settings -> options.kafka().isPresent())
                    .map(settings -> Leadership.prepare(
                            client,
                            settings,
                            options.dataDir(),
                            metrics,
                            into -> connectKafka(
                                    options.kafka().orElseThrow(), options.dataDir(), metrics, into, open -> {})));
        } catch (RuntimeException e) {
            vertx.close();
            return Future.failedFuture(e);
        }
        if (leadership.isEmpty()) {
            metrics.gauge(MetricCatalog.LEADER, Tags.empty()).set(1);
        }
        Optional<KafkaSink> kafkaSink = Optional.empty();
        Optional<java.util.function.Consumer<PendingRecord>> configRecords = Optional.empty();
        if (options.kafka().isPresent() && leadership.isPresent()) {
            sinks.add(leadership.get().sink());
            configRecords = Optional.of(leadership.get()::publishConfigChange);
        } else if (options.kafka().isPresent()) {
            try {
                kafkaSink = Optional.of(
                        connectKafka(options.kafka().get(), options.dataDir(), metrics, ledger, gauges::resume));
            } catch (RuntimeException e) {
                vertx.close();
                return Future.failedFuture(e);
            }
            sinks.add(kafkaSink.get());
            configRecords = Optional.of(kafkaSink.get()::publishConfigChange);
        } else if (emptyBroker.isPresent()) {
            DeferredKafkaSink deferred = new DeferredKafkaSink(emptyBroker.get().waitingCapacity());
            emptyBroker
                    .get()
                    .settings()
                    .thenAcceptAsync(settings -> attach(deferred, settings, options.dataDir(), metrics));
            sinks.add(deferred);
            configRecords = Optional.of(deferred::publishConfigChange);
        }
        String cluster = options.kafka()
                .map(KafkaSettings::cluster)
                .or(() -> emptyBroker.map(EmptyBroker::cluster))
                .orElse("default");
        Governance governance = new Governance(
                options.baseline(),
                options.exceptions(),
                options.checks(),
                clock,
                options.dataDir(),
                configChanges(cluster, configRecords));
        governance.onInstall(new PolicyGauges(metrics));
        Evaluator evaluator = new Evaluator(options.checks().all(), options.audit());
        AuditVerticle verticle = new AuditVerticle(
                evaluator, ledger, sinks, new PipelineMeters(metrics, gauges), options.pipeline(), clock);
        KubeSource source = new KubeSource(client, options.kinds(), options.audit(), verticle);
        verticle.attach(source);
        metrics.gauge(MetricCatalog.API_SERVER_UP, Tags.empty(), () -> source.apiServerUp() ? 1 : 0);
        governance.readConfigMapsFrom(source);
        Optional<AnnotatedPolicy> annotated = options.exceptionAnnotations()
                ? Optional.of(new AnnotatedPolicy(
                        AuditPolicy.EMPTY, source, options.checks().ids()))
                : Optional.empty();
        governance.onInstall(p -> verticle.reconfigure(
                annotated.<FindingPolicy>map(a -> a.over(p)).orElse(p)));
        for (WatchedKind kind : options.kinds()) {
            metrics.gauge(
                    MetricCatalog.CACHED_OBJECTS,
                    Tags.of("kind", kind.kindKey()),
                    () -> source.cachedObjects(kind.kindKey()));
            metrics.counter(
                    MetricCatalog.DECODE_ERRORS,
                    Tags.of("kind", kind.kindKey()),
                    () -> source.decodeErrors(kind.kindKey()));
        }
        HeapPressure.register(metrics, () -> cacheSizes(source, options.kinds()));
        VigilService service = new VigilService(vertx, client, metrics, verticle, source, sinks, governance);
        service.leadership = leadership;
        HttpApi api = new HttpApi(
                vertx,
                metrics,
                options.checks(),
                verticle::openFindings,
                service.readiness(),
                options.apiToken(),
                () -> governance.baseline().map(BaselineCodec::tree),
                () -> Fingerprints.payload(source));
        return vertx.deployVerticle(verticle)
                .onSuccess(id -> {
                    // without a file or ConfigMap Governance never installs a policy, so the annotations go in here
                    annotated.filter(a -> !governance.configured()).ifPresent(verticle::reconfigure);
                    reloadPolicy(vertx, governance);
                })
                .compose(id -> api.listen(options.httpHost(), options.httpPort()))
                .map(server -> {
                    service.http = server;
                    LOG.info("HTTP listening on port {}", server.actualPort());
                    service.leadership.ifPresent(l -> l.join(verticle));
                    return service;
                });
    }

    /** Reads the baseline and exceptions now and every two seconds, off the event loop (file and cache reads). */
    private static void reloadPolicy(Vertx vertx, Governance governance) {
        if (!governance.configured()) {
            return;
        }
        Runnable reload = () -> vertx.executeBlocking(
                () -> {
                    governance.reload();
                    return null;
                },
                false);
        reload.run();
        vertx.setPeriodic(2000, id -> reload.run());
    }

    /** The empty broker is up: nothing to resume, so what waited goes first and the rest follows. */
    private static void attach(DeferredKafkaSink deferred, KafkaSettings settings, Path dataDir, VigilMetrics metrics) {
        try {
            KafkaBootstrap.Connected connected = KafkaResume.connect(settings);
            if (!connected.snapshot().latest().isEmpty()) {
                LOG.warn(
                        "{} at {} is not empty: findings already recorded there are published again",
                        settings.stateTopic(),
                        settings.bootstrap());
            }
            KafkaSink sink = new KafkaSink(
                    settings, new FindingRecords(settings.cluster(), Version.get()), metrics, dataDir, connected);
            sink.start();
            int waited = deferred.waitingEvents();
            deferred.open(sink, sink::publishConfigChange);
            LOG.info("Kafka at {} is up: {} finding events that waited for it go first", settings.bootstrap(), waited);
        } catch (RuntimeException e) {
            LOG.error("Kafka at {} cannot be used: {}", settings.bootstrap(), e.getMessage());
        }
    }

    /** Kafka on: resume the ledger from the state topic and the outbox (DESIGN §7), then start delivering. */
    static KafkaSink connectKafka(
            KafkaSettings settings,
            Path dataDir,
            VigilMetrics metrics,
            FindingLedger ledger,
            java.util.function.Consumer<List<FindingEvent>> resumedOpen) {
        KafkaBootstrap.Connected connected = KafkaResume.connect(settings);
        KafkaSink sink = new KafkaSink(
                settings, new FindingRecords(settings.cluster(), Version.get()), metrics, dataDir, connected);
        KafkaResume.Plan plan = KafkaResume.plan(
                connected.snapshot().latest().values(), sink.waitingInOutbox().values());
        List<FindingEvent> resumed = KafkaResume.restore(plan, ledger);
        resumedOpen.accept(resumed);
        LOG.info(
                "resumed {} open findings from {} ({} findings from events still in the outbox)",
                resumed.size(),
                settings.stateTopic(),
                plan.fromOutbox());
        sink.start();
        return sink;
    }

    List<String> notReadyReasons() {
        List<String> reasons = new ArrayList<>();
        // "synced once" (DESIGN §9): a kind re-syncing after a dropped watch keeps Vigil ready, its findings stale
        reasons.addAll(source.notReadyReasons());
        if (reasons.isEmpty() && !verticle.ready()) {
            reasons.add("first full evaluation not finished");
        }
        for (FindingSink sink : sinks) {
            if (!sink.ready()) {
                reasons.add(sink.getClass().getSimpleName() + " cannot accept events");
            }
        }
        return reasons;
    }

    private static List<String> kindKeys(List<WatchedKind> kinds) {
        return kinds.stream().map(WatchedKind::kindKey).toList();
    }

    /** {@code /readyz}: the reasons, the kinds skipped, and under leader election who leads (a follower is ready too). */
    private HttpApi.Readiness readiness() {
        return new HttpApi.Readiness() {
            @Override
            public List<String> notReadyReasons() {
                return VigilService.this.notReadyReasons();
            }

            @Override
            public Map<String, List<String>> skippedKinds() {
                return Map.of(
                        "forbidden", kindKeys(source.inState(InformerState.FORBIDDEN)),
                        "notServed", kindKeys(source.inState(InformerState.NOT_SERVED)));
            }

            @Override
            public Map<String, String> details() {
                return leadership.map(Leadership::details).orElse(Map.of());
            }
        };
    }

    public boolean ready() {
        return notReadyReasons().isEmpty();
    }

    public int httpPort() {
        return http.actualPort();
    }

    public VigilMetrics metrics() {
        return metrics;
    }

    public AuditVerticle pipeline() {
        return verticle;
    }

    public KubeSource source() {
        return source;
    }

    public Governance governance() {
        return governance;
    }

    /** {@code io.vigil.config.changed} goes to Kafka when it is on; the log line is written either way. */
    private static java.util.function.Consumer<ConfigChange> configChanges(
            String cluster, Optional<java.util.function.Consumer<PendingRecord>> kafka) {
        if (kafka.isEmpty()) {
            return change -> {};
        }
        ConfigChangedRecords records = new ConfigChangedRecords(cluster);
        return change -> kafka.get().accept(records.pending(change));
    }

    /** Drains and stops: HTTP first, then the pipeline and informers, then the sinks. */
    public void stop() {
        try {
            if (http != null) {
                http.close().await(5, TimeUnit.SECONDS);
            }
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown did not complete cleanly: {}", e.toString());
        }
        sinks.forEach(FindingSink::close);
        // after the sink drained: releasing the Lease earlier would let a new leader start beside it
        leadership.ifPresent(Leadership::close);
        client.close();
    }

    /** Cached objects per kind, for the heap-pressure log line. */
    private static java.util.Map<String, Integer> cacheSizes(KubeSource source, List<WatchedKind> kinds) {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        kinds.forEach(k -> out.put(k.kindKey(), source.cachedObjects(k.kindKey())));
        return out;
    }
}
