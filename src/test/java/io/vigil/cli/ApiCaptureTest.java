package io.vigil.cli;

import static io.vigil.cli.ScanCommandTest.vigil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineCapture;
import io.vigil.baseline.BaselineLoader;
import io.vigil.baseline.Fingerprints;
import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.format.FindingJson;
import io.vigil.model.Finding;
import io.vigil.model.FindingStatus;
import io.vigil.model.KubeObject;
import io.vigil.model.TrackedFinding;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScannedObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil baseline capture --from-api}: against a stand-in for a running Vigil that serves
 * {@code /api/v1/findings} in pages and {@code /api/v1/fingerprints} from {@link Fingerprints#payload}, the
 * capture equals one taken from the same objects directly.
 */
class ApiCaptureTest {
    private static final String TOKEN = "s3cret-token";
    private static final String MANIFESTS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {team: payments}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: admins, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: User, name: alice}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: "shop/api:latest"}]}
            """;

    @TempDir
    Path dir;

    HttpServer server;
    List<KubeObject> objects;
    List<Finding> findings;
    final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startAStandInVigil() throws IOException {
        AuditSettings settings = AuditSettings.defaults().withCluster("prod");
        objects = new ManifestReader("default")
                .readBytes("m.yaml", MANIFESTS.getBytes(StandardCharsets.UTF_8)).result().objects().stream()
                        .map(ScannedObject::object)
                        .toList();
        findings = new ArrayList<>(BaselineCapture.evaluate(objects, BuiltInChecks.catalog(), settings));
        findings.sort(Comparator.comparing(Finding::id));
        assertThat(findings.size()).isGreaterThan(3);
        ObjectNode fingerprints = Fingerprints.payload(new ManifestClusterView(objects, settings));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/fingerprints", ex -> reply(ex, fingerprints));
        server.createContext("/api/v1/findings", this::findingsPage);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Pages of 2, whatever the limit: the continue token is the index of the next finding. */
    private void findingsPage(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getQuery();
        int from = query != null && query.contains("continue=")
                ? Integer.parseInt(query.replaceAll(".*continue=", ""))
                : 0;
        ObjectNode page = FindingJson.MAPPER.createObjectNode().put("schema", "vigil.findings/v1");
        ArrayNode items = page.putArray("findings");
        for (int i = from; i < Math.min(from + 2, findings.size()); i++) {
            items.add(FindingJson.toJson(new TrackedFinding(findings.get(i), FindingStatus.seenAt(Instant.EPOCH))));
        }
        if (from + 2 < findings.size()) {
            page.put("continue", String.valueOf(from + 2));
        } else {
            page.putNull("continue");
        }
        reply(ex, page);
    }

    private void reply(HttpExchange ex, ObjectNode body) throws IOException {
        requests.add(ex.getRequestURI().toString());
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("authorization"))) {
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        byte[] bytes = FindingJson.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().add("content-type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void capturesEveryPageAndTheFingerprintsWithTheToken() throws IOException {
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        Path out = dir.resolve("baseline.yaml");
        ScanCommandTest.Run run = vigil(
                "baseline",
                "capture",
                "--from-api",
                url() + "/",
                "--token-file",
                token.toString(),
                "-o",
                out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("vigil: note: the Vigil at " + url() + " does not see"
                        + " Role, ClusterRole, ClusterRoleBinding, NetworkPolicy, ValidatingWebhookConfiguration,"
                        + " MutatingWebhookConfiguration, dapr.io/Configuration: the baseline has no fingerprints of those"
                        + " kinds\n");

        BaselineLoader.Result loaded = BaselineLoader.load(out);
        assertThat(loaded.problems()).isEmpty();
        Baseline fromApi = loaded.baseline().orElseThrow();
        AuditSettings prod = AuditSettings.defaults().withCluster("prod");
        Baseline direct = BaselineCapture.capture(objects, findings, prod, fromApi.metadata());
        assertThat(fromApi.findings()).isEqualTo(direct.findings()).hasSize(findings.size());
        assertThat(fromApi.fingerprints()).isEqualTo(direct.fingerprints()).hasSize(2);
        assertThat(fromApi.metadata().cluster()).isEqualTo("prod");
        assertThat(fromApi.metadata().source()).isEqualTo("vigil-api " + url());
        assertThat(requests)
                .filteredOn(r -> r.startsWith("/api/v1/findings"))
                .hasSize((findings.size() + 1) / 2)
                .first()
                .isEqualTo("/api/v1/findings?limit=" + io.vigil.report.VigilApiClient.PAGE);
    }

    @Test
    void theTokenCanComeFromTheEnvironment() {
        BaselineCaptureCommand command = new BaselineCaptureCommand();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        var capture = new picocli.CommandLine(command);
        command.api.env = Map.of("VIGIL_API_TOKEN", TOKEN);
        capture.setOut(new java.io.PrintWriter(out, true));
        capture.setErr(new java.io.PrintWriter(err, true));
        int exit = capture.execute("--from-api", url());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(BaselineLoader.parse("-", out.toString()).problems()).isEmpty();
    }

    @Test
    void aMissingOrWrongTokenIsAClearError() throws IOException {
        ScanCommandTest.Run none = vigil("baseline", "capture", "--from-api", url());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err())
                .isEqualTo("vigil: " + url() + "/api/v1/fingerprints: HTTP 401: the API needs a bearer"
                        + " token (--token-file FILE or VIGIL_API_TOKEN)\n");
        Path token = dir.resolve("token");
        Files.writeString(token, "wrong");
        assertThat(vigil("baseline", "capture", "--from-api", url(), "--token-file", token.toString())
                        .err())
                .isEqualTo("vigil: " + url() + "/api/v1/fingerprints: HTTP 401: the token was refused\n");
    }

    @Test
    void aClusterNameOtherThanTheVigilsIsRefused() throws IOException {
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN);
        ScanCommandTest.Run run = vigil(
                "baseline", "capture", "--from-api", url(), "--token-file", token.toString(), "--cluster", "staging");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("vigil: --cluster staging: the Vigil at " + url()
                        + " audits cluster \"prod\" (its finding ids name it)\n");
    }

    @Test
    void anUnreachableVigilIsAClearError() {
        server.stop(0);
        ScanCommandTest.Run run = vigil("baseline", "capture", "--from-api", url());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("vigil: cannot reach " + url() + ": ");
    }
}
