package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ledger's lifecycle diff (DESIGN §3): exact events, sequences, reasons and status. */
class FindingLedgerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);

    private static final ResourceRef API = new ResourceRef("apps/v1", "Deployment", "shop", "api", "uid-api");
    private static final ResourceRef WEB = new ResourceRef("apps/v1", "Deployment", "shop", "web", "uid-web");
    private static final ResourceRef ADMINS =
            new ResourceRef("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "admins", "uid-admins");

    private final FindingLedger ledger = new FindingLedger();

    @Test
    void opensOnceThenOnlyUpdatesLastSeen() {
        Finding priv = finding("privileged-container", API, "true");

        List<FindingEvent> first = ledger.reconcile(API.key(), List.of(priv), Set.of(), T0);
        List<FindingEvent> second = ledger.reconcile(API.key(), List.of(priv), Set.of(), T1);

        assertThat(first).hasSize(1);
        FindingEvent opened = first.get(0);
        assertThat(opened).isInstanceOf(FindingEvent.Opened.class);
        assertThat(opened.sequence()).isEqualTo(1);
        assertThat(opened.openedAt()).isEqualTo(T0);
        assertThat(opened.time()).isEqualTo(T0);
        assertThat(opened.reason()).isEqualTo("detected");
        assertThat(opened.finding()).isEqualTo(priv);
        assertThat(opened.id()).isEqualTo(priv.id() + ":" + T0.toEpochMilli() + ":1");
        assertThat(second).isEmpty();
        TrackedFinding tracked = single(ledger.open());
        assertThat(tracked.finding()).isEqualTo(priv);
        assertThat(tracked.status().firstSeen()).isEqualTo(T0);
        assertThat(tracked.status().lastSeen()).isEqualTo(T1);
        assertThat(tracked.status().stale()).isFalse();
        assertThat(ledger.openIds(API.key())).containsExactly(priv.id());
        assertThat(ledger.subjects()).containsExactly(API.key());
    }

    @Test
    void changedEvidenceIsChangedAndResolutionContinuesTheSequence() {
        Finding v1 = finding("privileged-container", API, "true");
        Finding v2 = finding("privileged-container", API, "\"yes\"");
        Finding v3 = withSeverity(v2, Severity.CRITICAL);

        ledger.reconcile(API.key(), List.of(v1), Set.of(), T0);
        List<FindingEvent> changed = ledger.reconcile(API.key(), List.of(v2), Set.of(), T1);
        List<FindingEvent> severity = ledger.reconcile(API.key(), List.of(v3), Set.of(), T2);
        List<FindingEvent> resolved = ledger.reconcile(API.key(), List.of(), Set.of(), T3);

        assertThat(changed).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(FindingEvent.Changed.class);
            assertThat(e.sequence()).isEqualTo(2);
            assertThat(e.openedAt()).isEqualTo(T0);
            assertThat(e.time()).isEqualTo(T1);
            assertThat(e.reason()).isEqualTo("evidence changed");
            assertThat(e.finding().observed()).isEqualTo("\"yes\"");
        });
        assertThat(severity).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(FindingEvent.Changed.class);
            assertThat(e.sequence()).isEqualTo(3);
            assertThat(e.finding().severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(resolved).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(FindingEvent.Resolved.class);
            assertThat(e.sequence()).isEqualTo(4);
            assertThat(e.openedAt()).isEqualTo(T0);
            assertThat(e.time()).isEqualTo(T3);
            assertThat(e.reason()).isEqualTo("no longer found");
            assertThat(e.tracked().status().firstSeen()).isEqualTo(T0);
            assertThat(e.tracked().status().lastSeen()).isEqualTo(T3);
        });
        assertThat(ledger.open()).isEmpty();
        assertThat(ledger.subjects()).isEmpty();
        assertThat(ledger.size()).isZero();
    }

    @Test
    void aFindingThatGoesWhileOthersStayIsFixed() {
        Finding priv = finding("privileged-container", API, "true");
        Finding latest = finding("image-latest-tag", API, "shop/api:latest");

        ledger.reconcile(API.key(), List.of(priv, latest), Set.of(), T0);
        List<FindingEvent> events = ledger.reconcile(API.key(), List.of(latest), Set.of(), T1);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(FindingEvent.Resolved.class);
            assertThat(e.finding().id()).isEqualTo(priv.id());
            assertThat(e.sequence()).isEqualTo(2);
            assertThat(e.reason()).isEqualTo("fixed");
        });
        assertThat(ledger.openIds(API.key())).containsExactly(latest.id());
        assertThat(ledger.ids()).containsExactly(latest.id());
    }

    @Test
    void aFailedCheckKeepsItsFindingsAndResolvesOnlyWhenItRunsAgain() {
        Finding priv = finding("privileged-container", API, "true");
        Finding latest = finding("image-latest-tag", API, "shop/api:latest");
        ledger.reconcile(API.key(), List.of(priv, latest), Set.of(), T0);

        List<FindingEvent> whileFailing = ledger.reconcile(API.key(), List.of(), Set.of("privileged-container"), T1);

        assertThat(whileFailing).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(FindingEvent.Resolved.class);
            assertThat(e.finding().id()).isEqualTo(latest.id());
        });
        assertThat(ledger.openIds(API.key())).containsExactly(priv.id());
        assertThat(single(ledger.open()).status().lastSeen())
                .as("a failed check did not see it")
                .isEqualTo(T0);

        assertThat(ledger.reconcile(API.key(), List.of(), Set.of("privileged-container"), T2))
                .isEmpty();
        assertThat(ledger.openIds(API.key())).containsExactly(priv.id());

        List<FindingEvent> afterFix = ledger.reconcile(API.key(), List.of(), Set.of(), T3);
        assertThat(afterFix).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(FindingEvent.Resolved.class);
            assertThat(e.finding().id()).isEqualTo(priv.id());
            assertThat(e.sequence()).isEqualTo(2);
        });
        assertThat(ledger.open()).isEmpty();
    }

    @Test
    void deletedResolvesEverythingOfThatSubjectOnce() {
        Finding priv = finding("privileged-container", API, "true");
        Finding latest = finding("image-latest-tag", API, "shop/api:latest");
        Finding webPriv = finding("privileged-container", WEB, "true");
        ledger.reconcile(API.key(), List.of(priv, latest), Set.of(), T0);
        ledger.reconcile(WEB.key(), List.of(webPriv), Set.of(), T0);
        ledger.reconcile(API.key(), List.of(withObserved(priv, "1")), Set.of(), T1);

        List<FindingEvent> deleted = ledger.deleted(API.key(), T2);
        List<FindingEvent> again = ledger.deleted(API.key(), T3);

        assertThat(deleted).hasSize(1).allSatisfy(e -> {
            assertThat(e).isInstanceOf(FindingEvent.Resolved.class);
            assertThat(e.reason()).isEqualTo("object deleted");
            assertThat(e.time()).isEqualTo(T2);
        });
        // latest was already resolved as fixed at T1; priv changed there (sequence 2), so its RESOLVED is 3
        assertThat(deleted.get(0).finding().id()).isEqualTo(priv.id());
        assertThat(deleted.get(0).sequence()).isEqualTo(3);
        assertThat(again).isEmpty();
        assertThat(ledger.subjects()).containsExactly(WEB.key());
        assertThat(ledger.ids()).containsExactly(webPriv.id());
        assertThat(ledger.deleted(new ResourceKey("Deployment", "shop", "never-seen"), T3))
                .isEmpty();
    }

    @Test
    void aReopenedFindingStartsANewOpenPeriod() {
        Finding priv = finding("privileged-container", API, "true");
        FindingEvent first =
                ledger.reconcile(API.key(), List.of(priv), Set.of(), T0).get(0);
        ledger.deleted(API.key(), T1);

        List<FindingEvent> reopened = ledger.reconcile(API.key(), List.of(priv), Set.of(), T2);

        assertThat(reopened).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(FindingEvent.Opened.class);
            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.openedAt()).isEqualTo(T2);
            assertThat(e.id()).isNotEqualTo(first.id());
        });
        assertThat(single(ledger.open()).status().firstSeen()).isEqualTo(T2);
    }

    @Test
    void staleMarksOnlyThatKindAndNeverResolves() {
        Finding priv = finding("privileged-container", API, "true");
        Finding webPriv = finding("privileged-container", WEB, "true");
        Finding admin = finding("rbac-cluster-admin-binding", ADMINS, "cluster-admin");
        ledger.reconcile(API.key(), List.of(priv), Set.of(), T0);
        ledger.reconcile(WEB.key(), List.of(webPriv), Set.of(), T0);
        ledger.reconcile(ADMINS.key(), List.of(admin), Set.of(), T0);

        ledger.setStale("Deployment", true);

        assertThat(ledger.isStale("Deployment")).isTrue();
        assertThat(ledger.isStale("ClusterRoleBinding")).isFalse();
        assertThat(ledger.staleCount()).isEqualTo(2);
        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.open())
                .allSatisfy(t -> assertThat(t.status().stale())
                        .as("%s", t.finding().resource().name())
                        .isEqualTo(t.finding().resource().kind().equals("Deployment")));
        // a stale finding that is seen again reports it in the event it produces
        List<FindingEvent> changed = ledger.reconcile(API.key(), List.of(withObserved(priv, "1")), Set.of(), T1);
        assertThat(changed)
                .singleElement()
                .satisfies(e -> assertThat(e.tracked().status().stale()).isTrue());

        ledger.setStale("Deployment", false);

        assertThat(ledger.isStale("Deployment")).isFalse();
        assertThat(ledger.staleCount()).isZero();
        assertThat(ledger.open()).noneMatch(t -> t.status().stale());
        assertThat(ledger.ids()).containsExactlyInAnyOrder(priv.id(), webPriv.id(), admin.id());
    }

    private static TrackedFinding single(List<TrackedFinding> open) {
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    @Test
    void replicasKeepOneCopyOfTheirRepeatedEvidence() {
        Finding api = finding("privileged-container", API, new String("true"));
        Finding web = finding("privileged-container", WEB, new String("true"));
        assertThat(api.observed()).isNotSameAs(web.observed());

        ledger.reconcile(API.key(), List.of(api), Set.of(), T0);
        ledger.reconcile(WEB.key(), List.of(web), Set.of(), T0);

        List<Finding> kept = ledger.open().stream().map(TrackedFinding::finding).toList();
        assertThat(kept).containsExactly(api, web);
        assertThat(kept.get(1).observed()).isSameAs(kept.get(0).observed());
        assertThat(kept.get(1).path()).isSameAs(kept.get(0).path());
        assertThat(kept.get(1).controls()).isSameAs(kept.get(0).controls());
        assertThat(kept.get(1).message()).isNotEqualTo(kept.get(0).message());
    }

    @Test
    void aSubjectsIdsFollowItsLatestEvaluation() {
        Finding priv = finding("privileged-container", API, "true");
        Finding root = finding("run-as-non-root", API, "unset");

        ledger.reconcile(API.key(), List.of(priv, root), Set.of(), T0);
        ledger.reconcile(API.key(), List.of(root, priv), Set.of(), T1);
        List<FindingEvent> gone = ledger.reconcile(API.key(), List.of(priv), Set.of(), T2);

        assertThat(ledger.openIds(API.key())).containsExactly(priv.id());
        assertThat(gone).singleElement().satisfies(e -> assertThat(e.finding()).isEqualTo(root));
        assertThat(ledger.deleted(API.key(), T3))
                .extracting(e -> e.finding().id())
                .containsExactly(priv.id());
        assertThat(ledger.subjects()).isEmpty();
    }

    private static Finding finding(String check, ResourceRef ref, String observed) {
        String id = Integer.toHexString((check + ref.display()).hashCode());
        return new Finding(
                id,
                "default",
                check,
                "test",
                Severity.HIGH,
                check,
                check + " on " + ref.display(),
                ref,
                "spec.template.spec.containers[name=app]",
                observed,
                "false",
                List.of("CIS 5.2.1"),
                "fix it",
                null);
    }

    private static Finding withObserved(Finding f, String observed) {
        return new Finding(
                f.id(),
                f.cluster(),
                f.checkId(),
                f.family(),
                f.severity(),
                f.title(),
                f.message(),
                f.resource(),
                f.path(),
                observed,
                f.expected(),
                f.controls(),
                f.remediation(),
                f.source());
    }

    private static Finding withSeverity(Finding f, Severity severity) {
        return new Finding(
                f.id(),
                f.cluster(),
                f.checkId(),
                f.family(),
                severity,
                f.title(),
                f.message(),
                f.resource(),
                f.path(),
                f.observed(),
                f.expected(),
                f.controls(),
                f.remediation(),
                f.source());
    }
}
