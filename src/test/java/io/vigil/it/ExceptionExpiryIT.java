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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A governed exception suppresses its finding (SUPPRESSED, still open and visible); when it expires on the
 * controlled clock the finding reopens (EXCEPTION_EXPIRED). A rejected entry next to it changes nothing.
 */
class ExceptionExpiryIT {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anExceptionSuppressesThenExpires() throws Exception {
        Path exceptions = dir.resolve("exceptions.yaml");
        Files.writeString(exceptions, """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - id: legacy-host-port
                    check: host-port
                    scope: {namespace: task-api-dev, kind: Deployment, name: task-api}
                    reason: the load balancer still targets the node port; migration in TASK-812
                    owner: platform-team@example.com
                    ticket: TASK-812
                    expires: "2026-11-22T11:00:00Z"
                  - id: no-owner
                    check: image-latest-tag
                    reason: rejected, it names no owner
                    expires: "2026-12-31"
                """);
        MutableClock clock = new MutableClock(T0);
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            DemoScenario.seed(cluster);
            try (RunningVigil vigil = RunningVigil.startGoverned(
                    cluster.newClient(), Optional.empty(), Optional.of(exceptions), clock, dir.resolve("data"))) {
                await().atMost(WAIT)
                        .until(() -> vigil.service().ready()
                                && hostPort(vigil).isPresent()
                                && hostPort(vigil).get().status().suppression() != null);
                TrackedFinding suppressed = hostPort(vigil).orElseThrow();
                assertThat(suppressed.status().suppression())
                        .isEqualTo(new Suppression("legacy-host-port", Instant.parse("2026-11-22T11:00:00Z")));
                List<FindingEvent> lifecycle =
                        eventsOf(vigil, suppressed.finding().id());
                assertThat(lifecycle).extracting(FindingEvent::type).containsExactly("opened", "suppressed");
                assertThat(vigil.open().stream()
                                .filter(t -> t.finding().checkId().equals("image-latest-tag")))
                        .as("the rejected entry suppresses nothing")
                        .isNotEmpty()
                        .allMatch(t -> t.status().suppression() == null);
                assertThat(metric(vigil, "vigil_exception_expiry_timestamp_seconds{exception=\"legacy-host-port\"}"))
                        .isEqualTo(Instant.parse("2026-11-22T11:00:00Z").getEpochSecond());

                clock.advance(Duration.ofHours(2));
                await().atMost(WAIT)
                        .until(() -> eventsOf(vigil, suppressed.finding().id()).size() == 3);
                FindingEvent expired =
                        eventsOf(vigil, suppressed.finding().id()).get(2);
                assertThat(expired).isInstanceOf(FindingEvent.ExceptionExpired.class);
                assertThat(expired.sequence()).isEqualTo(3);
                assertThat(expired.reason()).isEqualTo("exception legacy-host-port expired");
                assertThat(hostPort(vigil).orElseThrow().status().suppression()).isNull();
            }
        }
    }

    private static double metric(RunningVigil vigil, String series) {
        return vigil.service()
                .metrics()
                .scrape("text/plain")
                .lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series));
    }

    private static Optional<TrackedFinding> hostPort(RunningVigil vigil) {
        return vigil.open().stream()
                .filter(t -> t.finding().checkId().equals("host-port")
                        && t.finding().resource().name().equals("task-api"))
                .findFirst();
    }

    private static List<FindingEvent> eventsOf(RunningVigil vigil, String findingId) {
        return vigil.events().stream()
                .filter(e -> e.finding().id().equals(findingId))
                .toList();
    }
}
