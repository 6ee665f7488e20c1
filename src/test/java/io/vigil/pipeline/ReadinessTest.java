package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Finding;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceRef;
import io.vigil.testing.LogCapture;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What informer states mean for the audit (DESIGN §7, §9), without a Vert.x instance. */
class ReadinessTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ResourceRef API = new ResourceRef("apps/v1", "Deployment", "shop", "api", "u1");
    private static final ResourceRef WEB = new ResourceRef("apps/v1", "Deployment", "shop", "web", "u2");
    private static final ResourceRef ADMIN =
            new ResourceRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "admin", "u3");

    private final FindingLedger ledger = new FindingLedger();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final MemorySource source = new MemorySource();
    private final Readiness readiness = new Readiness(ledger, metrics);

    private void open(ResourceRef subject, String... checks) {
        List<Finding> findings =
                Arrays.stream(checks).map(c -> Findings.of(c, subject, "o")).toList();
        ledger.reconcile(subject.key(), findings, Set.of(), T0);
    }

    @Test
    void theGateOpensOnceWhenEveryServableKindHasSynced() {
        source.allSynced = false;
        assertThat(readiness.initialSyncCompleted(source)).isFalse();
        assertThat(readiness.initialSyncDone()).isFalse();

        source.allSynced = true;
        try (LogCapture log = LogCapture.start("io.vigil.pipeline")) {
            assertThat(readiness.initialSyncCompleted(source)).isTrue();
            assertThat(readiness.initialSyncCompleted(source)).isFalse();
            assertThat(log.messages())
                    .containsExactly("informers synced (0 objects cached): running the first full evaluation");
        }
        assertThat(readiness.initialSyncDone()).isTrue();
        assertThat(readiness.ready())
                .as("ready only once the first full evaluation is published")
                .isFalse();

        readiness.fullEvaluationPublished(T0);
        assertThat(readiness.ready()).isTrue();
        assertThat(metrics.calls).containsExactly("full evaluation finished " + T0);
    }

    @Test
    void aKindThatLosesSightKeepsItsFindingsOpenAndStaleAndReEvaluatesThemWhenItSyncsAgain() {
        open(API, "privileged-container", "image-latest-tag");
        open(WEB, "privileged-container");
        open(ADMIN, "rbac-wildcard");

        assertThat(readiness.stateChanged(Kinds.DEPLOYMENT, InformerState.SYNCING))
                .isEmpty();
        assertThat(readiness.stateChanged(Kinds.DEPLOYMENT, InformerState.SYNCED))
                .as("never stale: nothing to re-evaluate")
                .isEmpty();
        assertThat(readiness.sees(Kinds.DEPLOYMENT)).isTrue();

        try (LogCapture log = LogCapture.start("io.vigil.pipeline")) {
            assertThat(readiness.stateChanged(Kinds.DEPLOYMENT, InformerState.FORBIDDEN))
                    .isEmpty();
            assertThat(readiness.stateChanged(Kinds.DEPLOYMENT, InformerState.SYNCING))
                    .isEmpty();
            assertThat(log.messages())
                    .as("one line when sight is lost, none while it stays lost")
                    .containsExactly(
                            "lost sight of Deployment (forbidden): its findings stay open and are" + " marked stale");
        }
        assertThat(readiness.sees(Kinds.DEPLOYMENT)).isFalse();
        assertThat(ledger.isStale(Kinds.DEPLOYMENT)).isTrue();
        assertThat(readiness.staleFindings()).isEqualTo(3);
        assertThat(ledger.size()).as("losing sight is not a fix").isEqualTo(4);

        assertThat(readiness.stateChanged(Kinds.DEPLOYMENT, InformerState.SYNCED))
                .containsExactlyInAnyOrder(API.key(), WEB.key());
        assertThat(ledger.isStale(Kinds.DEPLOYMENT)).isFalse();
        assertThat(readiness.staleFindings()).isZero();
        assertThat(metrics.calls)
                .containsExactly(
                        "state Deployment syncing",
                        "state Deployment synced",
                        "state Deployment forbidden",
                        "state Deployment syncing",
                        "state Deployment synced");
    }

    @Test
    void aKindThatNeverSyncedIsNotStaleWhenItIsForbidden() {
        open(API, "privileged-container");
        readiness.stateChanged(Kinds.DEPLOYMENT, InformerState.FORBIDDEN);
        assertThat(ledger.isStale(Kinds.DEPLOYMENT)).isFalse();
        assertThat(readiness.staleFindings()).isZero();
    }

    @Test
    void resumedFindingsOfAKindThisRunCannotSeeStayOpenMarkedStale() {
        readiness.stateChanged(Kinds.DEPLOYMENT, InformerState.SYNCED);
        readiness.stateChanged(Kinds.CLUSTER_ROLE, InformerState.FORBIDDEN);
        open(API, "privileged-container");
        open(ADMIN, "rbac-wildcard", "rbac-escalate");

        try (LogCapture log = LogCapture.start("io.vigil.pipeline")) {
            readiness.resumed();
            assertThat(log.messages())
                    .as("before the initial sync nothing is judged")
                    .isEmpty();
            readiness.initialSyncCompleted(source);
            assertThat(log.messages())
                    .containsExactly(
                            "findings of ClusterRole were open before the restart but"
                                    + " ClusterRole is not visible now: kept open, stale",
                            "informers synced (0 objects cached): running the first full evaluation");
            readiness.resumed();
            assertThat(log.messages()).as("one line per kind, not per resume").hasSize(2);
        }
        assertThat(ledger.isStale(Kinds.CLUSTER_ROLE)).isTrue();
        assertThat(ledger.isStale(Kinds.DEPLOYMENT)).isFalse();
        assertThat(readiness.staleFindings()).isEqualTo(2);
    }
}
