package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.demo.DemoScenario;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.model.FindingEvent;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.MutableClock;
import io.vigil.testing.RunningVigil;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code exceptions.annotations: true} a Deployment's {@code vigil.io/exempt} annotation suppresses its
 * finding like an exception entry (SUPPRESSED), and reopens it when it expires on the controlled clock.
 */
class ExceptionAnnotationsIT {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anAnnotatedDeploymentIsSuppressedThenReopens() {
        MutableClock clock = new MutableClock(T0);
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            DemoScenario.seed(cluster);
            AnnotatedDeployments.exemptHostPort(cluster, "2026-11-22T11:00:00Z");
            try (RunningVigil vigil =
                    RunningVigil.startWithAnnotations(cluster.newClient(), true, clock, dir.resolve("data"))) {
                await().atMost(WAIT)
                        .until(() -> vigil.service().ready()
                                && AnnotatedDeployments.hostPort(vigil).isPresent()
                                && AnnotatedDeployments.hostPort(vigil)
                                                .get()
                                                .status()
                                                .suppression()
                                        != null);
                TrackedFinding suppressed = AnnotatedDeployments.hostPort(vigil).orElseThrow();
                assertThat(suppressed.status().suppression())
                        .isEqualTo(new Suppression(
                                "annotation:Deployment/task-api-dev/task-api:host-port",
                                Instant.parse("2026-11-22T11:00:00Z")));
                assertThat(AnnotatedDeployments.eventsOf(
                                vigil, suppressed.finding().id()))
                        .extracting(FindingEvent::type)
                        .containsExactly("opened", "suppressed");
                assertThat(vigil.service()
                                .metrics()
                                .scrape("text/plain")
                                .lines()
                                .filter(l -> l.startsWith("vigil_findings_suppressed{")
                                        && l.contains("check=\"host-port\"")))
                        .as("counted as suppressed, not open")
                        .filteredOn(l -> !l.endsWith(" 0.0"))
                        .singleElement()
                        .satisfies(l -> assertThat(l).endsWith(" 1.0"));

                clock.advance(Duration.ofHours(2));
                await().atMost(WAIT)
                        .until(() -> AnnotatedDeployments.eventsOf(
                                                vigil, suppressed.finding().id())
                                        .size()
                                == 3);
                List<FindingEvent> lifecycle = AnnotatedDeployments.eventsOf(
                        vigil, suppressed.finding().id());
                assertThat(lifecycle.get(2)).isInstanceOf(FindingEvent.ExceptionExpired.class);
                assertThat(AnnotatedDeployments.hostPort(vigil)
                                .orElseThrow()
                                .status()
                                .suppression())
                        .isNull();
            }
        }
    }
}
