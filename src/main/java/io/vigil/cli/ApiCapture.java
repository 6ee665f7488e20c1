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
import io.vigil.model.Finding;
import io.vigil.model.TrackedFinding;
import io.vigil.report.VigilApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
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
    private final String base;
    private final String token;
    private final PrintWriter err;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

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
            throw new UserError("--cluster " + clusterOption + ": the Vigil at " + base + " audits cluster \"" + cluster
                    + "\" (its finding ids name it)");
        }
        List<BaselineProblem> problems = new ArrayList<>();
        List<Fingerprint> fingerprints = BaselineLoader.fingerprints(
                base + "/api/v1/fingerprints", payload.path("fingerprints"), "fingerprints", problems);
        if (!problems.isEmpty()) {
            throw new UserError("invalid fingerprints from " + base + ":\n  "
                    + problems.stream().map(BaselineProblem::toString).collect(Collectors.joining("\n  ")));
        }
        Set<String> served = new HashSet<>();
        payload.path("kinds").forEach(k -> served.add(k.asText()));
        List<String> unseen =
                Fingerprints.KINDS.stream().filter(k -> !served.contains(k)).toList();
        if (!unseen.isEmpty()) {
            err.println("vigil: note: the Vigil at " + base + " does not see " + String.join(", ", unseen)
                    + ": the baseline has no fingerprints of " + (unseen.size() == 1 ? "that kind" : "those kinds"));
        }
        List<Baseline.AcceptedFinding> findings = findings(cluster);
        return BaselineCapture.seal(
                new Baseline.Metadata(cluster, at, by, "vigil-api " + base), findings, fingerprints);
    }

    /** The open findings, paged by the same client {@code vigil report --from-api} uses. */
    private List<Baseline.AcceptedFinding> findings(String cluster) {
        List<Finding> open = new ArrayList<>();
        try {
            for (TrackedFinding t : new VigilApiClient(URI.create(base), token).findings()) {
                Finding f = t.finding();
                if (BaselineDriftCheck.ID.equals(f.checkId())) {
                    continue;
                }
                if (!cluster.equals(f.cluster())) {
                    throw new UserError(base + "/api/v1/findings: finding " + f.id() + " names cluster \"" + f.cluster()
                            + "\", not \"" + cluster + "\"");
                }
                open.add(f);
            }
        } catch (java.io.IOException e) {
            throw new UserError(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while reading " + base + "/api/v1/findings");
        }
        return BaselineCapture.accepted(open);
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .header("accept", "application/json")
                .GET();
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError("cannot reach " + base + ": " + io.vigil.report.Causes.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while reading " + base);
        }
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new UserError(base + path + ": HTTP " + status + ": "
                    + (token == null
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
