package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.format.FindingJson;
import io.vigil.testing.RealApiServer;
import io.vigil.testing.RealApiServerSetup;
import io.vigil.testing.SharedData;
import io.vigil.testing.VigilProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 scenario 2: the Task API example and one corpus application (Istio's Bookinfo) applied to a real
 * kube-apiserver 1.20 yield, in {@code vigil watch}, the findings {@code vigil scan} reports for the same
 * manifests: same ids, checks and paths, apart from what the server's defaulting explains (listed below).
 */
class RealApiServerScanParityIT {
    /**
     * Findings only {@code vigil scan} reports. Empty: scan emulates the defaulting that matters to the checks
     * (namespace, NetworkPolicy policyTypes); the one it adds that 1.20 does not, the
     * {@code kubernetes.io/metadata.name} namespace label, changes no finding of these manifests.
     */
    private static final Set<String> SCAN_ONLY = Set.of();

    /** Findings only the watch reports, each explained by what the API server stores beyond the manifest. */
    private static final Set<String> WATCH_ONLY = Set.of();

    @TempDir
    Path dir;

    @Test
    void theWatchReportsWhatAScanOfTheSameManifestsReports() throws Exception {
        List<Path> manifests = List.of(
                Path.of("docs/examples/task-api/insecure.yaml"),
                Path.of("docs/examples/task-api/hardened.yaml"),
                SharedData.require("corpus/istio-bookinfo/samples/bookinfo/platform/kube/bookinfo.yaml"));
        try (RealApiServer server = RealApiServer.start(dir.resolve("k8s"))) {
            RealApiServerSetup.installDaprCrds(server);
            RealApiServerSetup.installVigilRbac(server);
            for (Path m : manifests) {
                server.create(Files.readString(m, StandardCharsets.UTF_8));
            }
            String token = server.tokenFor(RealApiServerSetup.NAMESPACE, RealApiServerSetup.SERVICE_ACCOUNT);
            Path kubeconfig = server.kubeconfig(dir.resolve("vigil.kubeconfig"), token, server.url());
            Set<String> applied = objects(manifests);

            Set<String> watched;
            try (VigilProcess vigil = VigilProcess.start(dir, kubeconfig, Map.of())) {
                vigil.awaitReady(Duration.ofSeconds(90));
                watched = triples(vigil.findings(), applied);
            }
            Set<String> scanned = triples(scan(manifests), applied);

            Set<String> scanOnly = new TreeSet<>(scanned);
            scanOnly.removeAll(watched);
            Set<String> watchOnly = new TreeSet<>(watched);
            watchOnly.removeAll(scanned);
            System.out.printf(
                    "[measured] scan parity on real kube-apiserver 1.20: %d findings in both, %d scan only, %d watch"
                            + " only%n",
                    scanned.size() - scanOnly.size(), scanOnly.size(), watchOnly.size());
            assertThat(scanOnly).as("only in vigil scan").isEqualTo(SCAN_ONLY);
            assertThat(watchOnly).as("only in vigil watch").isEqualTo(WATCH_ONLY);
            assertThat(scanned).hasSizeGreaterThan(20);
        }
    }

    /** {@code vigil scan --format json} of the manifests, the production jar as a process. */
    private JsonNode scan(List<Path> manifests) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                "target/vigil.jar",
                "scan",
                "--format",
                "json",
                "--cluster",
                "default"));
        manifests.forEach(m -> command.add(m.toString()));
        Path out = dir.resolve("scan.json");
        Process p = new ProcessBuilder(command)
                .directory(new File("."))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("scan.err").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("scan.err"))).isIn(0, 1);
        return FindingJson.MAPPER.readTree(out.toFile());
    }

    /** "id check path" of the findings on objects the manifests define (the cluster has more of its own). */
    private static Set<String> triples(JsonNode doc, Set<String> applied) {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : doc.path("findings")) {
            JsonNode r = f.path("resource");
            if (applied.contains(key(
                    r.path("kind").asText(),
                    r.path("namespace").asText(""),
                    r.path("name").asText()))) {
                out.add(f.path("id").asText() + " " + f.path("check").asText() + " "
                        + f.path("path").asText());
            }
        }
        return out;
    }

    private static Set<String> objects(List<Path> manifests) throws Exception {
        Set<String> out = new TreeSet<>();
        for (Path m : manifests) {
            try (MappingIterator<JsonNode> docs =
                    new YAMLMapper().readerFor(JsonNode.class).readValues(m.toFile())) {
                while (docs.hasNext()) {
                    JsonNode d = docs.next();
                    if (d == null || !d.has("kind")) {
                        continue;
                    }
                    String kind = d.path("kind").asText();
                    String ns = d.path("metadata").path("namespace").asText("");
                    boolean clusterScoped = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding")
                            .contains(kind);
                    out.add(key(
                            kind,
                            clusterScoped ? "" : ns.isEmpty() ? "default" : ns,
                            d.path("metadata").path("name").asText()));
                }
            }
        }
        return out;
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null || namespace.equals("null") ? "" : namespace) + "/" + name;
    }
}
