package io.vigil;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vigil.check.AuditSettings;
import io.vigil.check.CheckCatalog;
import io.vigil.check.Evaluator;
import io.vigil.http.HttpApi;
import io.vigil.metrics.FindingGauges;
import io.vigil.metrics.MetricCatalog;
import io.vigil.metrics.VigilMetrics;
import io.vigil.pipeline.AuditVerticle;
import io.vigil.pipeline.FindingLedger;
import io.vigil.pipeline.PipelineSettings;
import io.vigil.sink.FindingSink;
import io.vigil.source.KubeSource;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring of the continuous audit: source, pipeline, sinks, metrics and HTTP on one Vert.x instance. */
public final class VigilService {
    private static final Logger LOG = LoggerFactory.getLogger(VigilService.class);

    /** What the service needs besides the cluster client. {@code apiToken} null means {@code api.auth: none}. */
    public record Options(AuditSettings audit, CheckCatalog checks, PipelineSettings pipeline, String httpHost,
                          int httpPort, String apiToken, boolean namespaceMetrics, List<WatchedKind> kinds) {
    }

    private final Vertx vertx;
    private final KubernetesClient client;
    private final VigilMetrics metrics;
    private final AuditVerticle verticle;
    private final KubeSource source;
    private final List<FindingSink> sinks;
    private HttpServer http;

    private VigilService(Vertx vertx, KubernetesClient client, VigilMetrics metrics, AuditVerticle verticle,
                         KubeSource source, List<FindingSink> sinks) {
        this.vertx = vertx;
        this.client = client;
        this.metrics = metrics;
        this.verticle = verticle;
        this.source = source;
        this.sinks = sinks;
    }

    /** Starts everything; the future completes once HTTP listens (the audit then syncs in the background). */
    public static Future<VigilService> start(KubernetesClient client, Options options, List<FindingSink> extraSinks,
                                             Clock clock) {
        Vertx vertx = Vertx.vertx();
        VigilMetrics metrics = new VigilMetrics(Version.get());
        List<FindingSink> sinks = new ArrayList<>();
        sinks.add(new FindingGauges(metrics, options.namespaceMetrics()));
        sinks.addAll(extraSinks);
        Evaluator evaluator = new Evaluator(options.checks().all(), options.audit());
        AuditVerticle verticle = new AuditVerticle(evaluator, new FindingLedger(), sinks, metrics, options.pipeline(),
                clock);
        KubeSource source = new KubeSource(client, options.kinds(), options.audit(), verticle);
        verticle.attach(source);
        for (WatchedKind kind : options.kinds()) {
            metrics.gauge(MetricCatalog.CACHED_OBJECTS, Tags.of("kind", kind.kindKey()),
                    () -> source.cachedObjects(kind.kindKey()));
        }
        VigilService service = new VigilService(vertx, client, metrics, verticle, source, sinks);
        HttpApi api = new HttpApi(vertx, metrics, options.checks(), verticle::openFindings, service::notReadyReasons,
                options.apiToken());
        return vertx.deployVerticle(verticle).compose(id -> api.listen(options.httpHost(), options.httpPort()))
                .map(server -> {
                    service.http = server;
                    LOG.info("HTTP listening on port {}", server.actualPort());
                    return service;
                });
    }

    public static Options defaults(AuditSettings audit, CheckCatalog checks, int port, String token) {
        return new Options(audit, checks, PipelineSettings.defaults(), "0.0.0.0", port, token, true,
                WatchedKinds.ALL);
    }

    List<String> notReadyReasons() {
        List<String> reasons = new ArrayList<>();
        // "synced once" (DESIGN §9): a kind re-syncing after a dropped watch keeps Vigil ready, its findings stale
        source.neverSynced().forEach(kind -> reasons.add(kind.kindKey() + " informer has not synced"));
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
        client.close();
    }
}
