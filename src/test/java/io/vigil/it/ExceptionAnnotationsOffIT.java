package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.demo.DemoScenario;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.MutableClock;
import io.vigil.testing.RunningVigil;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** By default ({@code exceptions.annotations: false}) {@code watch} ignores a {@code vigil.io/exempt} annotation. */
class ExceptionAnnotationsOffIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theAnnotationIsIgnoredByDefault() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            DemoScenario.seed(cluster);
            AnnotatedDeployments.exemptHostPort(cluster, "2099-01-01T00:00:00Z");
            try (RunningVigil vigil =
                    RunningVigil.startWithAnnotations(cluster.newClient(), false, clock, dir.resolve("data"))) {
                await().atMost(WAIT)
                        .until(() -> vigil.service().ready()
                                && AnnotatedDeployments.hostPort(vigil).isPresent());
                TrackedFinding open = AnnotatedDeployments.hostPort(vigil).orElseThrow();
                assertThat(open.status().suppression()).isNull();
                assertThat(AnnotatedDeployments.eventsOf(vigil, open.finding().id()))
                        .extracting(FindingEvent::type)
                        .containsExactly("opened");
            }
        }
    }
}
