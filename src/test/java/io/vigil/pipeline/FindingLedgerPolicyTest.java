package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.Suppression;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindingLedgerPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final ResourceKey SUBJECT = new ResourceKey("Deployment", "shop", "api");
    private static final Finding PRIVILEGED = finding("a1", "privileged-container");
    private static final Finding LATEST = finding("b2", "image-latest-tag");

    private static Finding finding(String id, String check) {
        return new Finding(
                id,
                "default",
                check,
                "pod-security",
                Severity.HIGH,
                "t",
                "m",
                new ResourceRef("apps/v1", "Deployment", "shop", "api", null),
                "spec",
                "o",
                "e",
                List.of(),
                "r",
                null);
    }

    /** Baseline accepts {@code b2}; an exception covers {@code a1} until {@code expires}. */
    private static FindingPolicy policy(Instant expires) {
        return new FindingPolicy() {
            @Override
            public boolean baselineLoaded() {
                return true;
            }

            @Override
            public boolean baselined(Finding f) {
                return f.id().equals("b2");
            }

            @Override
            public Optional<Suppression> suppression(Finding f, Instant now) {
                return f.id().equals("a1") && now.isBefore(expires)
                        ? Optional.of(new Suppression("legacy-api", expires))
                        : Optional.empty();
            }
        };
    }

    @Test
    void aCoveredFindingOpensSuppressedAndReopensWhenTheExceptionExpires() {
        FindingLedger ledger = new FindingLedger();
        ledger.setPolicy(policy(T0.plusSeconds(60)));
        List<FindingEvent> first = ledger.reconcile(SUBJECT, List.of(PRIVILEGED, LATEST), Set.of(), T0);
        assertThat(first)
                .extracting(e -> e.type() + " " + e.finding().id() + " " + e.sequence())
                .containsExactly("opened a1 1", "suppressed a1 2", "opened b2 1");
        FindingEvent suppressed = first.get(1);
        assertThat(suppressed.tracked().status().suppression())
                .isEqualTo(new Suppression("legacy-api", T0.plusSeconds(60)));
        assertThat(suppressed.tracked().status().drift()).isTrue();
        assertThat(first.get(2).tracked().status().baselined()).isTrue();
        assertThat(first.get(2).tracked().status().drift()).isFalse();

        assertThat(ledger.expireSuppressions(T0.plusSeconds(59))).isEmpty();
        assertThat(ledger.reconcile(SUBJECT, List.of(PRIVILEGED, LATEST), Set.of(), T0.plusSeconds(30)))
                .isEmpty();
        List<FindingEvent> expired = ledger.expireSuppressions(T0.plusSeconds(60));
        assertThat(expired)
                .extracting(e -> e.type() + " " + e.finding().id() + " " + e.sequence() + " " + e.reason())
                .containsExactly("exception_expired a1 3 exception legacy-api expired");
        assertThat(expired.get(0).tracked().status().suppression()).isNull();
        assertThat(ledger.expireSuppressions(T0.plusSeconds(61))).isEmpty();
    }

    @Test
    void aNewExceptionSuppressesAndAWithdrawnOneReopens() {
        FindingLedger ledger = new FindingLedger();
        ledger.reconcile(SUBJECT, List.of(PRIVILEGED), Set.of(), T0);
        ledger.setPolicy(policy(T0.plusSeconds(3600)));
        assertThat(ledger.applyPolicy(T0.plusSeconds(1)))
                .extracting(FindingEvent::type, FindingEvent::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("suppressed", 2L));
        ledger.setPolicy(FindingPolicy.NONE);
        assertThat(ledger.applyPolicy(T0.plusSeconds(2)))
                .extracting(e -> e.type() + " " + e.reason())
                .containsExactly("exception_expired exception legacy-api withdrawn");
        assertThat(ledger.open().get(0).status().drift())
                .as("no baseline, no drift")
                .isFalse();
    }
}
