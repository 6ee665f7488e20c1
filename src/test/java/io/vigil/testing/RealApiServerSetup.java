package io.vigil.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** What the RealApiServer ITs install before Vigil starts: the Dapr CRDs 1.20 lacks, and the chart's RBAC. */
public final class RealApiServerSetup {
    public static final String NAMESPACE = "vigil";
    public static final String SERVICE_ACCOUNT = "vigil";
    private static final Path DIR = Path.of("src/test/resources/realapi");
    private static final Path CHART = Path.of("deploy/helm/vigil");
    private static final Set<String> IDENTITY_KINDS =
            Set.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    private static final YAMLMapper YAML = new YAMLMapper();

    private RealApiServerSetup() {}

    /** Dapr's Configuration and Component CRDs, waited for until they are established (served). */
    public static void installDaprCrds(RealApiServer server) {
        server.create(read(DIR.resolve("dapr-crds.yaml")));
        for (String name : new String[] {"configurations.dapr.io", "components.dapr.io"}) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> server
                            .admin()
                            .apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(name)
                            .get()
                            .getStatus()
                            .getConditions()
                            .stream()
                            .anyMatch(c -> c.getType().equals("Established")
                                    && c.getStatus().equals("True")));
        }
    }

    /**
     * Vigil's identity as the chart renders it with default values (helm-java, as {@code helm template}): the
     * Namespace, ServiceAccount, ClusterRole, Role and their bindings. The workload objects are left out: no
     * controller here would run them, and their findings are not what these tests are about.
     */
    public static void installVigilRbac(RealApiServer server) {
        String rendered = new Helm(CHART)
                .template()
                .withName(SERVICE_ACCOUNT)
                .withNamespace(NAMESPACE)
                .call();
        StringBuilder identity = new StringBuilder();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && IDENTITY_KINDS.contains(doc.path("kind").asText())) {
                    identity.append("---\n").append(YAML.writeValueAsString(doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.create(identity.toString());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
