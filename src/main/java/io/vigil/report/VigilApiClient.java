package io.vigil.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.format.FindingJson;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.SourceLocation;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a running Vigil's open findings: {@code GET /api/v1/findings}, page by page with {@code limit} and
 * {@code continue}, with a bearer token. The JSON shape is that of {@link FindingJson} (CHECKS.md).
 */
public final class VigilApiClient {
    public static final int PAGE = 1000;

    private final URI base;
    private final String token;
    private final HttpClient http;

    /** @param token null to send no Authorization header ({@code api.auth: none}) */
    public VigilApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public List<TrackedFinding> findings() throws IOException, InterruptedException {
        List<TrackedFinding> out = new ArrayList<>();
        Set<String> seenTokens = new HashSet<>();
        String next = null;
        do {
            String query = "limit=" + PAGE
                    + (next == null ? "" : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            JsonNode page = get("/api/v1/findings?" + query);
            JsonNode items = page.path("findings");
            if (!items.isArray()) {
                throw new IOException(base + "/api/v1/findings: no findings array in the answer (is this Vigil?)");
            }
            for (JsonNode item : items) {
                try {
                    out.add(parse(item));
                } catch (RuntimeException e) {
                    throw new IOException(base + "/api/v1/findings: finding " + out.size() + " is malformed: " + e);
                }
            }
            JsonNode cont = page.path("continue");
            next = cont.isTextual() && !cont.asText().isEmpty() ? cont.asText() : null;
            if (next != null && !seenTokens.add(next)) {
                throw new IOException(base + "/api/v1/findings: the continue token repeats; stopping");
            }
        } while (next != null);
        return out;
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create(stripSlash(base.toString()) + pathAndQuery);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("accept", "application/json")
                .GET();
        if (token != null) {
            req.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("GET " + uri.getPath() + ": no answer: " + Causes.reason(e), e);
        }
        if (resp.statusCode() != 200) {
            String why = resp.body();
            try {
                JsonNode err = FindingJson.MAPPER.readTree(resp.body());
                if (err.path("error").isTextual()) {
                    why = err.path("error").asText();
                }
            } catch (IOException ignored) {
                // not JSON: show the body as it is (shortened)
            }
            if (why.length() > 200) {
                why = why.substring(0, 200) + "…";
            }
            throw new IOException(
                    "GET " + uri.getPath() + ": HTTP " + resp.statusCode() + (why.isBlank() ? "" : ": " + why.strip()));
        }
        return FindingJson.MAPPER.readTree(resp.body());
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** One finding of the API's JSON shape back into the model. */
    static TrackedFinding parse(JsonNode o) {
        JsonNode r = o.path("resource");
        ResourceRef ref = new ResourceRef(
                text(r, "apiVersion"), text(r, "kind"), text(r, "namespace"), text(r, "name"), text(r, "uid"));
        List<String> controls = new ArrayList<>();
        o.path("controls").forEach(c -> controls.add(c.asText()));
        SourceLocation source = o.path("source").isObject()
                ? new SourceLocation(
                        text(o.path("source"), "file"),
                        o.path("source").path("line").asInt())
                : null;
        Severity severity = Severity.parse(text(o, "severity")).orElse(Severity.INFO);
        Finding f = new Finding(
                text(o, "id"),
                text(o, "cluster"),
                text(o, "check"),
                text(o, "family"),
                severity,
                text(o, "title"),
                text(o, "message"),
                ref,
                text(o, "path"),
                text(o, "observed"),
                text(o, "expected"),
                controls,
                text(o, "remediation"),
                source);
        Suppression suppression = null;
        JsonNode s = o.path("suppressed");
        if (s.isObject()) {
            suppression = new Suppression(text(s, "exception"), instant(text(s, "expires")));
        }
        FindingStatus status = new FindingStatus(
                instant(text(o, "firstSeen")),
                instant(text(o, "lastSeen")),
                o.path("baselined").asBoolean(false),
                o.path("drift").asBoolean(false),
                o.path("stale").asBoolean(false),
                suppression);
        return new TrackedFinding(f, status);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
