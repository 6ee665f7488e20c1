package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vigil.model.Finding;
import io.vigil.model.FindingId;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FindingQueryTest {
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    // ---- parsing

    @Test
    void defaultsWhenNoParameterIsGiven() {
        FindingQuery q = parse();
        assertThat(q).isEqualTo(new FindingQuery(null, null, null, null, null, FindingQuery.DEFAULT_LIMIT, null));
    }

    @Test
    void everyParameterIsRead() {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString("abc".getBytes(StandardCharsets.UTF_8));
        FindingQuery q = parse(
                "severity",
                "HIGH",
                "namespace",
                "shop",
                "check",
                "privileged-container",
                "kind",
                "Deployment",
                "drift",
                "true",
                "limit",
                "5000",
                "continue",
                token);
        assertThat(q)
                .isEqualTo(new FindingQuery(
                        Severity.HIGH, "shop", "privileged-container", "Deployment", true, 5000, "abc"));
        assertThat(parse("limit", "1", "drift", "false").limit()).isEqualTo(1);
        assertThat(parse("drift", "false").drift()).isFalse();
    }

    @Test
    void badParametersAreNamedInTheError() {
        assertBad("severity: unknown value \"urgent\"", "severity", "urgent");
        assertBad("severity: unknown value \"\"", "severity", "");
        assertBad("limit: expected 1..5000, got \"0\"", "limit", "0");
        assertBad("limit: expected 1..5000, got \"-3\"", "limit", "-3");
        assertBad("limit: expected 1..5000, got \"5001\"", "limit", "5001");
        assertBad("limit: expected 1..5000, got \"ten\"", "limit", "ten");
        assertBad("limit: expected 1..5000, got \"99999999999\"", "limit", "99999999999");
        assertBad("drift: expected true or false, got \"yes\"", "drift", "yes");
        assertBad("continue: not a token this API issued", "continue", "!!!");
        assertBad(
                "unknown query parameter \"sort\" (allowed: check, continue, drift, kind, limit, namespace, "
                        + "severity)",
                "sort",
                "id");
    }

    private static void assertBad(String message, String... params) {
        assertThatThrownBy(() -> parse(params))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    // ---- filters

    @Test
    void filtersMatchExactlyTheirField() {
        List<TrackedFinding> all = List.of(
                tracked("privileged-container", Severity.HIGH, "Deployment", "shop", "api", false),
                tracked("privileged-container", Severity.HIGH, "Deployment", "billing", "api", false),
                tracked("image-latest-tag", Severity.MEDIUM, "Deployment", "shop", "api", true),
                tracked("rbac-wildcard-resource", Severity.CRITICAL, "ClusterRole", null, "ops", true),
                tracked("netpol-no-default-deny-ingress", Severity.LOW, "Namespace", null, "shop", false));
        assertPage(all, parse("severity", "high"), f -> f.finding().severity() == Severity.HIGH);
        assertPage(all, parse("severity", "info"), f -> false);
        assertPage(
                all,
                parse("namespace", "shop"),
                f -> "shop".equals(f.finding().resource().namespace()));
        assertPage(all, parse("namespace", "api"), f -> false);
        assertPage(
                all,
                parse("check", "privileged-container"),
                f -> f.finding().checkId().equals("privileged-container"));
        assertPage(
                all,
                parse("kind", "Deployment"),
                f -> f.finding().resource().kind().equals("Deployment"));
        assertPage(all, parse("kind", "deployment"), f -> false);
        assertPage(all, parse("drift", "true"), f -> f.status().drift());
        assertPage(all, parse("drift", "false"), f -> !f.status().drift());
        assertPage(
                all,
                parse("namespace", "shop", "drift", "false"),
                f -> "shop".equals(f.finding().resource().namespace())
                        && !f.status().drift());
        assertPage(all, parse(), f -> true);
    }

    private static void assertPage(List<TrackedFinding> all, FindingQuery q, Predicate<TrackedFinding> expected) {
        List<String> want = all.stream()
                .filter(expected)
                .map(t -> t.finding().id())
                .sorted()
                .toList();
        ObjectNode page = q.page(all);
        assertThat(page.get("total").asInt()).as(q.toString()).isEqualTo(want.size());
        assertThat(ids(page)).as(q.toString()).isEqualTo(want);
        assertThat(page.get("continue").isNull()).isTrue();
    }

    // ---- pagination

    @Test
    void pagesFollowIdOrderWhateverTheLedgerOrder() {
        List<TrackedFinding> all = findings(10);
        List<TrackedFinding> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));
        List<String> sorted = all.stream().map(t -> t.finding().id()).sorted().toList();

        List<String> served = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page =
                    (token == null ? parse("limit", "3") : parse("limit", "3", "continue", token)).page(shuffled);
            assertThat(page.get("schema").asText()).isEqualTo("vigil.findings/v1");
            assertThat(page.get("total").asInt()).isEqualTo(10);
            sizes.add(page.get("findings").size());
            served.addAll(ids(page));
            token = page.get("continue").isNull() ? null : page.get("continue").asText();
        } while (token != null);
        assertThat(sizes).containsExactly(3, 3, 3, 1);
        assertThat(served).isEqualTo(sorted);
    }

    @Test
    void aPageThatEndsExactlyAtTheLastFindingHasNoContinue() {
        List<TrackedFinding> all = findings(4);
        ObjectNode first = parse("limit", "2").page(all);
        assertThat(first.get("continue").isNull()).isFalse();
        ObjectNode second =
                parse("limit", "2", "continue", first.get("continue").asText()).page(all);
        assertThat(second.get("findings").size()).isEqualTo(2);
        assertThat(second.get("continue").isNull()).isTrue();
        assertThat(parse("limit", "4").page(all).get("continue").isNull()).isTrue();
        ObjectNode none = parse().page(List.of());
        assertThat(none.get("total").asInt()).isZero();
        assertThat(none.get("findings")).isEmpty();
        assertThat(none.get("continue").isNull()).isTrue();
    }

    @Test
    void theContinueTokenIsTheLastIdServed() {
        List<TrackedFinding> all = findings(5);
        ObjectNode page = parse("limit", "2").page(all);
        String lastId = ids(page).get(1);
        assertThat(new String(Base64.getUrlDecoder().decode(page.get("continue").asText()), StandardCharsets.UTF_8))
                .isEqualTo(lastId);
        assertThat(page.get("continue").asText()).doesNotContain("=", "+", "/");
    }

    @Test
    void pagingIsStableWhileFindingsOpenAndResolve() {
        List<TrackedFinding> all = findings(12);
        List<String> sorted = all.stream().map(t -> t.finding().id()).sorted().toList();
        ObjectNode first = parse("limit", "4").page(all);
        List<String> firstIds = ids(first);
        assertThat(firstIds).isEqualTo(sorted.subList(0, 4));
        String cursor = firstIds.get(3);

        // Between requests: one served finding resolves, one unserved resolves, two new ones open (one sorting
        // before the cursor, one after).
        List<TrackedFinding> now = new ArrayList<>(all);
        now.removeIf(
                t -> t.finding().id().equals(sorted.get(1)) || t.finding().id().equals(sorted.get(6)));
        TrackedFinding before = withId("00" + cursor.substring(2), all.get(0));
        TrackedFinding after = withId("ff" + cursor.substring(2), all.get(0));
        assertThat(before.finding().id()).isLessThan(cursor);
        assertThat(after.finding().id()).isGreaterThan(cursor);
        now.add(before);
        now.add(after);

        List<String> rest = new ArrayList<>();
        String token = first.get("continue").asText();
        while (token != null) {
            ObjectNode page = parse("limit", "4", "continue", token).page(now);
            assertThat(page.get("total").asInt()).isEqualTo(12);
            rest.addAll(ids(page));
            token = page.get("continue").isNull() ? null : page.get("continue").asText();
        }
        List<String> expectedRest = now.stream()
                .map(t -> t.finding().id())
                .filter(id -> id.compareTo(cursor) > 0)
                .sorted()
                .toList();
        assertThat(rest).as("no repeats, nothing open throughout is skipped").isEqualTo(expectedRest);
        assertThat(rest)
                .doesNotContainAnyElementsOf(firstIds)
                .contains(after.finding().id())
                .doesNotContain(before.finding().id(), sorted.get(6));
        assertThat(rest)
                .containsAll(sorted.subList(4, 12).stream()
                        .filter(id -> !id.equals(sorted.get(6)))
                        .toList());
    }

    @Test
    void findingsAreServedInTheFindingJsonShape() {
        TrackedFinding t = tracked("privileged-container", Severity.HIGH, "Deployment", "shop", "api", false);
        JsonNode f = parse().page(List.of(t)).get("findings").get(0);
        assertThat(f.get("id").asText()).isEqualTo(t.finding().id());
        assertThat(f.get("check").asText()).isEqualTo("privileged-container");
        assertThat(f.get("severity").asText()).isEqualTo("high");
        assertThat(f.get("resource").get("namespace").asText()).isEqualTo("shop");
        assertThat(f.get("drift").asBoolean()).isFalse();
    }

    // ---- helpers

    private static FindingQuery parse(String... nameValues) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.add(nameValues[i], nameValues[i + 1]);
        }
        return FindingQuery.parse(params);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("findings").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static List<TrackedFinding> findings(int n) {
        List<TrackedFinding> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(tracked("privileged-container", Severity.HIGH, "Deployment", "shop", "api-" + i, false));
        }
        return out;
    }

    private static TrackedFinding tracked(
            String check, Severity severity, String kind, String namespace, String name, boolean drift) {
        String apiVersion = kind.equals("Deployment")
                ? "apps/v1"
                : kind.equals("ClusterRole") ? "rbac.authorization.k8s.io/v1" : "v1";
        ResourceRef ref = new ResourceRef(apiVersion, kind, namespace, name, "uid-" + name);
        String path = "spec";
        Finding f = new Finding(
                FindingId.of("default", check, ref, path),
                "default",
                check,
                "family",
                severity,
                "title",
                "message",
                ref,
                path,
                "observed",
                "expected",
                List.of("SOC2:CC6.1"),
                "fix it",
                null);
        return new TrackedFinding(f, new FindingStatus(AT, AT, false, drift, false, null));
    }

    private static TrackedFinding withId(String id, TrackedFinding like) {
        Finding f = like.finding();
        return new TrackedFinding(
                new Finding(
                        id,
                        f.cluster(),
                        f.checkId(),
                        f.family(),
                        f.severity(),
                        f.title(),
                        f.message(),
                        f.resource(),
                        f.path(),
                        f.observed(),
                        f.expected(),
                        f.controls(),
                        f.remediation(),
                        f.source()),
                like.status());
    }
}
