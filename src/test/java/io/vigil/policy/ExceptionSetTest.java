package io.vigil.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.Finding;
import io.vigil.model.FindingId;
import io.vigil.model.Masking;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.Suppression;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExceptionSetTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static Finding finding(String check, String apiVersion, String kind, String namespace, String name) {
        ResourceRef ref = new ResourceRef(apiVersion, kind, namespace, name, null);
        return new Finding(
                FindingId.of("default", check, ref, "spec"),
                "default",
                check,
                "x",
                Severity.HIGH,
                "t",
                "m",
                ref,
                "spec",
                null,
                null,
                List.of(),
                "",
                null);
    }

    static ExceptionEntry entry(String id, String check, String ns, String kind, String name, String expires) {
        return new ExceptionEntry(
                id,
                check,
                new ExceptionScope(
                        ns == null ? null : new Glob(ns),
                        kind == null ? null : new Glob(kind),
                        name == null ? null : new Glob(name)),
                "r",
                "o",
                null,
                Instant.parse(expires),
                null);
    }

    @Test
    void globs() {
        assertThat(new Glob("legacy-*").matches("legacy-")).isTrue();
        assertThat(new Glob("legacy-*").matches("legacy-app")).isTrue();
        assertThat(new Glob("legacy-*").matches("xlegacy-app")).isFalse();
        assertThat(new Glob("app-?").matches("app-1")).isTrue();
        assertThat(new Glob("app-?").matches("app-12")).isFalse();
        assertThat(new Glob("a.b").matches("axb")).as("dots are literal").isFalse();
        assertThat(new Glob("[x]").matches("[x]")).as("brackets are literal").isTrue();
        assertThat(new Glob("*").matches("")).isTrue();
        assertThat(new Glob("Deploy*").matches("deployment"))
                .as("case-sensitive")
                .isFalse();
    }

    @Test
    void matchesByCheckNamespaceKindAndName() {
        ExceptionSet set = ExceptionSet.of(
                List.of(entry("legacy", "host-path-volume", "legacy-*", "DaemonSet", "log-?", "2026-06-30T00:00:00Z")));
        Finding covered = finding("host-path-volume", "apps/v1", "DaemonSet", "legacy-eu", "log-a");
        assertThat(set.match(covered, NOW)).contains(new Suppression("legacy", Instant.parse("2026-06-30T00:00:00Z")));
        assertThat(set.match(finding("privileged-container", "apps/v1", "DaemonSet", "legacy-eu", "log-a"), NOW))
                .isEmpty();
        assertThat(set.match(finding("host-path-volume", "apps/v1", "DaemonSet", "prod", "log-a"), NOW))
                .isEmpty();
        assertThat(set.match(finding("host-path-volume", "apps/v1", "Deployment", "legacy-eu", "log-a"), NOW))
                .isEmpty();
        assertThat(set.match(finding("host-path-volume", "apps/v1", "DaemonSet", "legacy-eu", "log-ab"), NOW))
                .isEmpty();
    }

    @Test
    void aNamespaceIsInItselfClusterScopedObjectsAreInTheEmptyNamespaceAndGroupKindsMatchToo() {
        ExceptionSet set = ExceptionSet.of(List.of(
                entry("ns", "netpol-no-default-deny-ingress", "legacy", null, null, "2027-01-01T00:00:00Z"),
                entry("crb", "rbac-wildcard-verb", "*", "ClusterRole", null, "2027-01-01T00:00:00Z"),
                entry("crb-named", "rbac-wildcard-resource", "prod", "ClusterRole", null, "2027-01-01T00:00:00Z"),
                entry("dapr", "dapr-component-unscoped", null, "dapr.io/Component", null, "2027-01-01T00:00:00Z")));
        assertThat(set.match(finding("netpol-no-default-deny-ingress", "v1", "Namespace", null, "legacy"), NOW))
                .map(Suppression::exceptionId)
                .contains("ns");
        assertThat(set.match(
                        finding("rbac-wildcard-verb", "rbac.authorization.k8s.io/v1", "ClusterRole", null, "op"), NOW))
                .map(Suppression::exceptionId)
                .contains("crb");
        assertThat(set.match(
                        finding("rbac-wildcard-resource", "rbac.authorization.k8s.io/v1", "ClusterRole", null, "op"),
                        NOW))
                .isEmpty();
        assertThat(set.match(finding("dapr-component-unscoped", "dapr.io/v1alpha1", "Component", "a", "s"), NOW))
                .map(Suppression::exceptionId)
                .contains("dapr");
    }

    @Test
    void expiryIsExclusiveAndTheLatestExpiringEntryWinsThenTheSmallestId() {
        ExceptionSet set = ExceptionSet.of(List.of(
                entry("early", "privileged-container", null, null, null, "2026-04-01T00:00:00Z"),
                entry("late-b", "privileged-container", "shop", null, null, "2026-09-01T00:00:00Z"),
                entry("late-a", "privileged-container", null, "Pod", null, "2026-09-01T00:00:00Z"),
                entry("gone", "privileged-container", null, null, null, "2026-02-01T00:00:00Z")));
        Finding f = finding("privileged-container", "v1", "Pod", "shop", "api");
        assertThat(set.match(f, NOW)).contains(new Suppression("late-a", Instant.parse("2026-09-01T00:00:00Z")));
        assertThat(set.match(f, Instant.parse("2026-08-31T23:59:59Z")))
                .map(Suppression::exceptionId)
                .contains("late-a");
        assertThat(set.match(f, Instant.parse("2026-09-01T00:00:00Z"))).isEmpty();
        Finding onlyEarly = finding("privileged-container", "apps/v1", "Deployment", "other", "api");
        assertThat(set.match(onlyEarly, Instant.parse("2026-03-31T23:59:59Z")))
                .map(Suppression::exceptionId)
                .contains("early");
        assertThat(set.match(onlyEarly, Instant.parse("2026-04-01T00:00:00Z"))).isEmpty();
        assertThat(set.coveringAny(f))
                .extracting(ExceptionEntry::id)
                .containsExactly("early", "gone", "late-a", "late-b");
    }

    @Test
    void expiryHelpers() {
        ExceptionSet set = ExceptionSet.of(List.of(
                entry("a", "privileged-container", null, null, null, "2026-03-05T00:00:00Z"),
                entry("b", "privileged-container", null, null, null, "2026-03-02T00:00:00Z"),
                entry("c", "privileged-container", null, null, null, "2026-05-01T00:00:00Z"),
                entry("d", "privileged-container", null, null, null, "2026-03-01T12:00:00Z")));
        assertThat(set.active(NOW)).extracting(ExceptionEntry::id).containsExactly("a", "b", "c");
        assertThat(set.expired(NOW)).extracting(ExceptionEntry::id).containsExactly("d");
        assertThat(set.expiringWithin(NOW, Duration.ofDays(7)))
                .extracting(ExceptionEntry::id)
                .containsExactly("b", "a");
        assertThat(set.nextExpiry(NOW)).contains(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(set.nextExpiry(Instant.parse("2026-05-01T00:00:00Z"))).isEqualTo(Optional.empty());
    }

    @Test
    void duplicateIdsAreRefused() {
        ExceptionEntry e = entry("a", "privileged-container", null, null, null, "2026-03-05T00:00:00Z");
        assertThatThrownBy(() -> ExceptionSet.of(List.of(e, e))).hasMessage("duplicate exception id: a");
    }

    @Test
    void theDigestCoversMeaningNotLayout() {
        ExceptionLoader loader = new ExceptionLoader(
                Set.of("privileged-container", "host-path-volume"), Clock.fixed(NOW, ZoneOffset.UTC));
        ExceptionSet one = loader.parse("a.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - {id: b, check: host-path-volume, reason: r, owner: o, expires: 2026-12-31, scope: {namespace: x}}
                  - {id: a, check: privileged-container, reason: r, owner: o, expires: 2026-12-31T00:00:00Z}
                """).exceptions();
        ExceptionSet reordered = loader.parse("b.yaml", """
                # comments and order do not matter
                kind: ExceptionList
                apiVersion: vigil.io/v1
                exceptions:
                  - expires: 2026-12-31T01:00:00+01:00
                    owner: o
                    reason: r
                    check: privileged-container
                    id: a
                  - {scope: {namespace: x}, id: b, check: host-path-volume, reason: r, owner: o, expires: 2026-12-31}
                """).exceptions();
        ExceptionSet otherOwner = loader.parse("c.yaml", """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - {id: b, check: host-path-volume, reason: r, owner: o, expires: 2026-12-31, scope: {namespace: x}}
                  - {id: a, check: privileged-container, reason: r, owner: someone-else, expires: 2026-12-31}
                """).exceptions();
        assertThat(one.canonical())
                .isEqualTo("[{\"id\":\"a\",\"check\":\"privileged-container\",\"scope\":"
                        + "{\"namespace\":null,\"kind\":null,\"name\":null},\"reason\":\"r\",\"owner\":\"o\",\"ticket\":null,"
                        + "\"expires\":\"2026-12-31T00:00:00Z\"},{\"id\":\"b\",\"check\":\"host-path-volume\",\"scope\":"
                        + "{\"namespace\":\"x\",\"kind\":null,\"name\":null},\"reason\":\"r\",\"owner\":\"o\",\"ticket\":null,"
                        + "\"expires\":\"2026-12-31T00:00:00Z\"}]");
        assertThat(one.digest()).isEqualTo(Masking.sha256Hex(one.canonical())).hasSize(64);
        assertThat(reordered.digest()).isEqualTo(one.digest());
        assertThat(otherOwner.digest()).isNotEqualTo(one.digest());
        assertThat(ExceptionSet.empty().canonical()).isEqualTo("[]");
        assertThat(ExceptionSet.empty().digest()).isEqualTo(Masking.sha256Hex("[]"));
    }
}
