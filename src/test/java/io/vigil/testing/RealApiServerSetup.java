package io.vigil.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the RealApiServer ITs install before Vigil starts: the Dapr CRDs 1.20 lacks, and Vigil's RBAC. */
public final class RealApiServerSetup {
    public static final String NAMESPACE = "vigil";
    public static final String SERVICE_ACCOUNT = "vigil";
    private static final Path DIR = Path.of("src/test/resources/realapi");

    private RealApiServerSetup() {}

    /** Dapr's Configuration and Component CRDs, waited for until they are established (served). */
    public static void installDaprCrds(RealApiServer server) {
        server.apply(read(DIR.resolve("dapr-crds.yaml")));
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

    /** Namespace, ServiceAccount, ClusterRole and the Lease Role of Vigil. */
    public static void installVigilRbac(RealApiServer server) {
        server.apply(read(DIR.resolve("vigil-rbac.yaml")));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
