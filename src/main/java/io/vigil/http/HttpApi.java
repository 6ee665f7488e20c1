package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.check.CheckCatalog;
import io.vigil.format.CheckDocs;
import io.vigil.format.FindingJson;
import io.vigil.metrics.VigilMetrics;
import io.vigil.model.TrackedFinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Vigil's HTTP surface (DESIGN §9): open {@code /metrics}, {@code /healthz}, {@code /readyz}; the
 * {@code /api/v1} routes behind a bearer token unless auth is explicitly {@code none}.
 */
public final class HttpApi {
    private static final String OPENMETRICS = "application/openmetrics-text";

    private final Vertx vertx;
    private final VigilMetrics metrics;
    private final CheckCatalog catalog;
    private final Supplier<Future<List<TrackedFinding>>> findings;
    private final Readiness readiness;
    private final String token;
    private final Supplier<Optional<ObjectNode>> baseline;
    private final Supplier<ObjectNode> fingerprints;

    /** Readiness with the reason it is not ready yet, for {@code /readyz}. */
    public interface Readiness {
        List<String> notReadyReasons();

        /**
         * Kinds Vigil skips, by reason ({@code forbidden}, {@code notServed}): listed on {@code /readyz} also while
         * ready, since findings that need them are not produced.
         */
        default Map<String, List<String>> skippedKinds() {
            return Map.of();
        }

        /** Extra fields of the body (under leader election: {@code leader}, {@code role}). */
        default Map<String, String> details() {
            return Map.of();
        }
    }

    /**
     * @param token the bearer token {@code /api} requires; null means auth is {@code none}
     */
    public HttpApi(
            Vertx vertx,
            VigilMetrics metrics,
            CheckCatalog catalog,
            Supplier<Future<List<TrackedFinding>>> findings,
            Readiness readiness,
            String token,
            Supplier<Optional<ObjectNode>> baseline,
            Supplier<ObjectNode> fingerprints) {
        this.baseline = baseline;
        this.fingerprints = fingerprints;
        this.vertx = vertx;
        this.metrics = metrics;
        this.catalog = catalog;
        this.findings = findings;
        this.readiness = readiness;
        this.token = token;
    }

    public Future<HttpServer> listen(String host, int port) {
        Router router = router();
        return vertx.createHttpServer()
                .requestHandler(request -> {
                    // Vert.x decodes the path while routing and logs a malformed escape as an unhandled ERROR
                    // with a stack trace: a client's typo would fill the service's log.
                    if (PercentEncoding.isValid(request.path())) {
                        router.handle(request);
                    } else {
                        request.response()
                                .setStatusCode(400)
                                .putHeader("content-type", "application/json")
                                .end("{\"error\":\"malformed percent-encoding in the request path\"}");
                    }
                })
                .listen(port, host);
    }

    Router router() {
        Router router = Router.router(vertx);
        router.get("/healthz")
                .handler(ctx ->
                        ctx.response().putHeader("content-type", "text/plain").end("ok\n"));
        router.get("/readyz").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
        router.route("/api/*").handler(this::authenticate);
        router.get("/api/v1/findings").handler(this::findings);
        router.get("/api/v1/checks").handler(ctx -> json(ctx, 200, CheckDocs.json(catalog)));
        router.get("/api/v1/baseline")
                .handler(ctx -> baseline.get()
                        .ifPresentOrElse(
                                b -> json(ctx, 200, b),
                                () -> json(
                                        ctx,
                                        404,
                                        FindingJson.MAPPER.createObjectNode().put("error", "no baseline loaded"))));
        router.get("/api/v1/fingerprints")
                .handler(ctx -> vertx.executeBlocking(fingerprints::get, false)
                        .onComplete(ar -> json(
                                ctx,
                                ar.succeeded() ? 200 : 500,
                                ar.succeeded()
                                        ? ar.result()
                                        : FindingJson.MAPPER.createObjectNode().put("error", "internal error"))));
        return router;
    }

    private void ready(RoutingContext ctx) {
        List<String> reasons = readiness.notReadyReasons();
        ObjectNode body = FindingJson.MAPPER.createObjectNode().put("ready", reasons.isEmpty());
        ArrayNode why = body.putArray("reasons");
        reasons.forEach(why::add);
        readiness.skippedKinds().forEach((reason, kinds) -> {
            ArrayNode list = body.putArray(reason);
            kinds.forEach(list::add);
        });
        readiness.details().forEach(body::put);
        json(ctx, reasons.isEmpty() ? 200 : 503, body);
    }

    private void metrics(RoutingContext ctx) {
        String accept = ctx.request().getHeader("accept");
        boolean openMetrics = accept != null && accept.contains(OPENMETRICS);
        String contentType = openMetrics
                ? OPENMETRICS + "; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
        ctx.response().putHeader("content-type", contentType).end(metrics.scrape(contentType));
    }

    private void authenticate(RoutingContext ctx) {
        if (token == null) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("authorization");
        String presented = BearerToken.from(header);
        if (MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("www-authenticate", "Bearer realm=\"vigil\"");
        json(
                ctx,
                401,
                FindingJson.MAPPER
                        .createObjectNode()
                        .put("error", header == null ? "missing bearer token" : "invalid bearer token"));
    }

    private void findings(RoutingContext ctx) {
        FindingQuery query;
        try {
            query = FindingQuery.parse(ctx.queryParams());
        } catch (IllegalArgumentException e) {
            json(ctx, 400, FindingJson.MAPPER.createObjectNode().put("error", e.getMessage()));
            return;
        }
        findings.get()
                .compose(open -> vertx.executeBlocking(() -> query.page(open), false))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        json(ctx, 200, ar.result());
                    } else {
                        json(ctx, 500, FindingJson.MAPPER.createObjectNode().put("error", "internal error"));
                    }
                });
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("content-type", "application/json")
                    .end(FindingJson.MAPPER.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.response().setStatusCode(500).end();
        }
    }

    /** Adapts a boolean to {@link Readiness}. */
    public static Readiness readiness(BooleanSupplier ready, String reason) {
        return () -> ready.getAsBoolean() ? List.of() : List.of(reason);
    }
}
