package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineCapture;
import io.vigil.baseline.BaselineDriftCheck;
import io.vigil.baseline.BaselineLoader;
import io.vigil.baseline.BaselineProblem;
import io.vigil.baseline.Fingerprint;
import io.vigil.baseline.Fingerprints;
import io.vigil.format.FindingJson;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import java.io.IOException;
import java.io.PrintWriter;
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
import java.util.stream.Collectors;

/**
 * {@code vigil baseline capture --from-api URL}: the open findings of a running Vigil
 * ({@code GET /api/v1/findings}, every page) and the fingerprints of the objects it sees
 * ({@code GET /api/v1/fingerprints}), with the bearer token when one is given. The cluster name is the
 * Vigil's own, so the accepted ids are the ones it reports.
 */
final class ApiCapture {
    static final int PAGE = 5000;

    private final String base;
    private final String token;
    private final PrintWriter err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ApiCapture(String url, String token, PrintWriter err) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.err = err;
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new UserError("--from-api " + url + ": expected an http:// or https:// URL");
        }
    }

    Baseline capture(String clusterOption, Instant at, String by) {
        JsonNode payload = get("/api/v1/fingerprints");
        if (!"vigil.fingerprints/v1".equals(payload.path("schema").asText())) {
            throw new UserError(base + "/api/v1/fingerprints: not a vigil.fingerprints/v1 document");
        }
        String cluster = payload.path("cluster").asText("");
        if (cluster.isEmpty()) {
            throw new UserError(base + "/api/v1/fingerprints: no cluster name");
        }
        if (clusterOption != null && !clusterOption.equals(cluster)) {
            throw new UserError("--cluster " + clusterOption + ": the Vigil at " + base + " audits cluster \""
                    + cluster + "\" (its finding ids name it)");
        }
        List<BaselineProblem> problems = new ArrayList<>();
        List<Fingerprint> fingerprints = BaselineLoader.fingerprints(base + "/api/v1/fingerprints",
                payload.path("fingerprints"), "fingerprints", problems);
        if (!problems.isEmpty()) {
            throw new UserError("invalid fingerprints from " + base + ":\n  " + problems.stream()
                    .map(BaselineProblem::toString).collect(Collectors.joining("\n  ")));
        }
        Set<String> served = new HashSet<>();
        payload.path("kinds").forEach(k -> served.add(k.asText()));
        List<String> unseen = Fingerprints.KINDS.stream().filter(k -> !served.contains(k)).toList();
        if (!unseen.isEmpty()) {
            err.println("vigil: note: the Vigil at " + base + " does not see " + String.join(", ", unseen)
                    + ": the baseline has no fingerprints of " + (unseen.size() == 1 ? "that kind" : "those kinds"));
        }
        List<Baseline.AcceptedFinding> findings = findings(cluster);
        return BaselineCapture.seal(new Baseline.Metadata(cluster, at, by, "vigil-api " + base), findings,
                fingerprints);
    }

    private List<Baseline.AcceptedFinding> findings(String cluster) {
        List<Baseline.AcceptedFinding> out = new ArrayList<>();
        String next = null;
        do {
            String query = "/api/v1/findings?limit=" + PAGE
                    + (next == null ? "" : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            JsonNode page = get(query);
            JsonNode items = page.path("findings");
            if (!items.isArray()) {
                throw new UserError(base + "/api/v1/findings: no findings list in the answer");
            }
            for (JsonNode f : items) {
                if (BaselineDriftCheck.ID.equals(f.path("check").asText())) {
                    continue;
                }
                if (!cluster.equals(f.path("cluster").asText())) {
                    throw new UserError(base + "/api/v1/findings: finding " + f.path("id").asText()
                            + " names cluster \"" + f.path("cluster").asText() + "\", not \"" + cluster + "\"");
                }
                out.add(accepted(f));
            }
            next = page.path("continue").isTextual() ? page.path("continue").asText() : null;
        } while (next != null);
        return out;
    }

    private Baseline.AcceptedFinding accepted(JsonNode f) {
        String id = f.path("id").asText("");
        if (!id.matches("[0-9a-f]{64}")) {
            throw new UserError(base + "/api/v1/findings: a finding without a valid id");
        }
        JsonNode r = f.path("resource");
        return new Baseline.AcceptedFinding(id, text(f, "check"), Severity.parse(text(f, "severity")).orElse(null),
                new ResourceRef(text(r, "apiVersion"), text(r, "kind"), text(r, "namespace"), text(r, "name"), null),
                text(f, "path"), text(f, "observed"), text(f, "expected"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).header("accept", "application/json").GET();
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError("cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while reading " + base);
        }
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new UserError(base + path + ": HTTP " + status + ": " + (token == null
                    ? "the API needs a bearer token (--token-file FILE or VIGIL_API_TOKEN)"
                    : "the token was refused"));
        }
        if (status == 404 && path.endsWith("/fingerprints")) {
            throw new UserError(base + path + ": HTTP 404: this Vigil does not serve fingerprints (it is older"
                    + " than this CLI); capture from the cluster with --kubeconfig instead");
        }
        if (status != 200) {
            throw new UserError(base + path + ": HTTP " + status + ": " + abbreviate(response.body()));
        }
        try {
            return FindingJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UserError(base + path + ": not JSON: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.strip();
        return b.length() > 200 ? b.substring(0, 200) + "…" : b;
    }
}
