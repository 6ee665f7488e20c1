package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vigil.config.VigilConfig;
import io.vigil.demo.DemoScenario;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.RunningVigil;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exceptions kept in a ConfigMap apply, and editing the ConfigMap reloads them live (withdrawn -> reopened). */
class ExceptionConfigMapIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EXCEPTIONS = """
            apiVersion: vigil.io/v1
            kind: ExceptionList
            exceptions:
              - id: legacy-host-port
                check: host-port
                scope: {namespace: task-api-dev}
                reason: the load balancer still targets the node port
                owner: platform-team@example.com
                expires: "2099-01-01T00:00:00Z"
            """;

    @TempDir
    Path dir;

    @Test
    void exceptionsFromAConfigMapApplyAndReloadWhenItChanges() {
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            var kube = cluster.admin();
            DemoScenario.seed(cluster);
            kube.resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("vigil")
                            .endMetadata()
                            .build())
                    .create();
            kube.resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("vigil-exceptions")
                            .withNamespace("vigil")
                            .endMetadata()
                            .addToData("exceptions.yaml", EXCEPTIONS)
                            .build())
                    .create();
            VigilConfig.Source fromConfigMap = new VigilConfig.Source(
                    Optional.empty(), Optional.of(new VigilConfig.ConfigMapRef("vigil", "vigil-exceptions")));
            try (RunningVigil vigil = RunningVigil.startGoverned(
                    cluster.newClient(), VigilConfig.Source.NONE, fromConfigMap, Clock.systemUTC(), dir)) {
                await().atMost(WAIT)
                        .until(() -> hostPort(vigil)
                                .map(t -> t.status().suppression() != null)
                                .orElse(false));
                kube.configMaps()
                        .inNamespace("vigil")
                        .withName("vigil-exceptions")
                        .edit(cm -> new ConfigMapBuilder(cm)
                                .addToData(
                                        "exceptions.yaml",
                                        "apiVersion: vigil.io/v1\nkind: ExceptionList\nexceptions: []\n")
                                .build());
                await().atMost(WAIT)
                        .until(() -> hostPort(vigil)
                                .map(t -> t.status().suppression() == null)
                                .orElse(false));
                String id = hostPort(vigil).orElseThrow().finding().id();
                List<String> lifecycle = vigil.events().stream()
                        .filter(e -> e.finding().id().equals(id))
                        .map(e -> e.type() + ":" + e.reason())
                        .toList();
                assertThat(lifecycle)
                        .containsExactly(
                                "opened:detected",
                                "suppressed:exception legacy-host-port",
                                "exception_expired:exception legacy-host-port withdrawn");
                assertThat(vigil.eventsOfType(FindingEvent.ExceptionExpired.class))
                        .hasSize(1);
            }
        }
    }

    private static Optional<TrackedFinding> hostPort(RunningVigil vigil) {
        return vigil.open().stream()
                .filter(t -> t.finding().checkId().equals("host-port")
                        && t.finding().resource().namespace().equals("task-api-dev"))
                .findFirst();
    }
}
