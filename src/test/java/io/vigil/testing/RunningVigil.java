package io.vigil.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vigil.checks.BuiltInChecks;
import io.vigil.config.ConfigLoader;
import io.vigil.config.Setting;
import io.vigil.model.FindingEvent;
import io.vigil.model.Masking;
import io.vigil.model.TrackedFinding;
import io.vigil.pipeline.FindingSink;
import io.vigil.pipeline.PipelineSettings;
import io.vigil.service.VigilService;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A Vigil service under test, recording every finding event it publishes. */
public final class RunningVigil implements AutoCloseable {
    public static final String TOKEN = "test-token-0123456789";

    private final VigilService service;
    private final List<FindingEvent> events;

    private RunningVigil(VigilService service, List<FindingEvent> events) {
        this.service = service;
        this.events = events;
    }

    public static RunningVigil start(KubernetesClient client) {
        return start(client, PipelineSettings.defaults());
    }

    public static RunningVigil start(KubernetesClient client, PipelineSettings pipeline) {
        return start(client, pipeline, Map.of(), java.nio.file.Path.of("target/vigil-data"));
    }

    /** Vigil publishing to Kafka at {@code bootstrap} with its outbox in {@code dataDir}. */
    public static RunningVigil startWithKafka(
            KubernetesClient client, String bootstrap, java.nio.file.Path dataDir, int outboxMaxRecords) {
        return start(client, fastPipeline(), kafka(bootstrap, outboxMaxRecords), dataDir);
    }

    /** {@code kafka.*} as the Kafka ITs run it: topics created, a week's retention, a small outbox where asked. */
    private static Map<Setting, String> kafka(String bootstrap, int outboxMaxRecords) {
        return Map.of(
                Setting.KAFKA_BOOTSTRAP_SERVERS,
                bootstrap,
                Setting.KAFKA_EVENTS_RETENTION,
                "7d",
                Setting.KAFKA_OUTBOX_MAX_RECORDS,
                Integer.toString(outboxMaxRecords));
    }

    private static RunningVigil start(
            KubernetesClient client,
            PipelineSettings pipeline,
            Map<Setting, String> kafka,
            java.nio.file.Path dataDir) {
        return start(
                client,
                pipeline,
                kafka,
                dataDir,
                io.vigil.config.VigilConfig.Source.NONE,
                io.vigil.config.VigilConfig.Source.NONE,
                Clock.systemUTC(),
                false);
    }

    /** Vigil with a baseline and exceptions from files, on a clock the test controls. */
    public static RunningVigil startGoverned(
            KubernetesClient client,
            java.util.Optional<java.nio.file.Path> baseline,
            java.util.Optional<java.nio.file.Path> exceptions,
            Clock clock,
            java.nio.file.Path dataDir) {
        return start(
                client,
                fastPipeline(),
                Map.of(),
                dataDir,
                new io.vigil.config.VigilConfig.Source(baseline, java.util.Optional.empty()),
                new io.vigil.config.VigilConfig.Source(exceptions, java.util.Optional.empty()),
                clock,
                false);
    }

    /** Vigil with a baseline and exceptions from any configured source (file or ConfigMap). */
    public static RunningVigil startGoverned(
            KubernetesClient client,
            io.vigil.config.VigilConfig.Source baseline,
            io.vigil.config.VigilConfig.Source exceptions,
            Clock clock,
            java.nio.file.Path dataDir) {
        return start(client, fastPipeline(), Map.of(), dataDir, baseline, exceptions, clock, false);
    }

    /** Vigil applying {@code vigil.io/exempt} annotations or not ({@code exceptions.annotations}), no files. */
    public static RunningVigil startWithAnnotations(
            KubernetesClient client, boolean exceptionAnnotations, Clock clock, java.nio.file.Path dataDir) {
        return start(
                client,
                fastPipeline(),
                Map.of(),
                dataDir,
                io.vigil.config.VigilConfig.Source.NONE,
                io.vigil.config.VigilConfig.Source.NONE,
                clock,
                exceptionAnnotations);
    }

    private static RunningVigil start(
            KubernetesClient client,
            PipelineSettings pipeline,
            Map<Setting, String> kafka,
            java.nio.file.Path dataDir,
            io.vigil.config.VigilConfig.Source baselineSource,
            io.vigil.config.VigilConfig.Source exceptionsSource,
            Clock clock,
            boolean exceptionAnnotations) {
        List<FindingEvent> events = new CopyOnWriteArrayList<>();
        FindingSink recorder = (batch, received) -> events.addAll(batch);
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        settings.put(Setting.HTTP_HOST, "127.0.0.1");
        settings.put(Setting.HTTP_PORT, "0");
        settings.put(Setting.DATA_DIR, dataDir.toString());
        settings.put(
                Setting.PIPELINE_FULL_EVALUATION_INTERVAL,
                pipeline.fullEvaluationInterval().toString());
        settings.put(Setting.PIPELINE_BATCH_SIZE, Integer.toString(pipeline.batchSize()));
        settings.put(
                Setting.PIPELINE_WATCH_HEALTH_INTERVAL,
                pipeline.watchHealthInterval().toString());
        settings.put(Setting.EXCEPTIONS_ANNOTATIONS, Boolean.toString(exceptionAnnotations));
        source(settings, baselineSource, Setting.BASELINE_FILE, Setting.BASELINE_CONFIG_MAP);
        source(settings, exceptionsSource, Setting.EXCEPTIONS_FILE, Setting.EXCEPTIONS_CONFIG_MAP);
        settings.putAll(kafka);
        // the path of vigil watch: settings validated into a VigilConfig, then Options.from
        VigilService.Options options = VigilService.Options.from(
                new ConfigLoader(BuiltInChecks.catalog().ids()).load(settings, TOKEN), Masking.unkeyed());
        try {
            VigilService service = VigilService.start(client, options, List.of(recorder), clock)
                    .await(90, TimeUnit.SECONDS);
            return new RunningVigil(service, events);
        } catch (Exception e) {
            throw new IllegalStateException("Vigil did not start", e);
        }
    }

    private static void source(
            Map<Setting, String> settings,
            io.vigil.config.VigilConfig.Source source,
            Setting fileSetting,
            Setting configMapSetting) {
        source.file().ifPresent(f -> settings.put(fileSetting, f.toString()));
        source.configMap().ifPresent(c -> settings.put(configMapSetting, c.toString()));
    }

    public static PipelineSettings fastPipeline() {
        return new PipelineSettings(Duration.ofMinutes(10), 512, Duration.ofMillis(200));
    }

    public VigilService service() {
        return service;
    }

    public List<FindingEvent> events() {
        return List.copyOf(events);
    }

    public List<FindingEvent> eventsOfType(Class<? extends FindingEvent> type) {
        return events.stream().filter(type::isInstance).toList();
    }

    public List<TrackedFinding> open() {
        try {
            return service.pipeline().openFindings().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Set<String> openIds() {
        Set<String> ids = new TreeSet<>();
        open().forEach(t -> ids.add(t.finding().id()));
        return ids;
    }

    /** The value of an unlabelled gauge as {@code /metrics} serves it (e.g. {@code vigil_kafka_outbox_records}). */
    public double gauge(String name) {
        return PromText.parse(service.metrics().scrape("text/plain"))
                .value(name, java.util.Map.of())
                .orElseThrow(() -> new AssertionError("no series " + name));
    }

    /** {@code GET /readyz}: the status code and the JSON body with the reasons. */
    public java.net.http.HttpResponse<String> readyz() {
        return Http.get(baseUrl() + "/readyz");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + service.httpPort();
    }

    @Override
    public void close() {
        service.stop();
    }
}
