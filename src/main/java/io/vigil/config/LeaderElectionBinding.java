package io.vigil.config;

import static io.vigil.config.Setting.*;

import java.time.Duration;

/** {@code leaderElection.*}: the timing rules a Lease needs so that two replicas never publish at once. */
final class LeaderElectionBinding {
    /** fabric8 retries with up to this factor of jitter on the retry period and rejects configs without room. */
    private static final double JITTER = 1.2;

    private final Binder b;

    LeaderElectionBinding(Binder b) {
        this.b = b;
    }

    VigilConfig.LeaderElection bind() {
        Duration lease = b.duration(LEADER_ELECTION_LEASE_DURATION, Duration.ofSeconds(2), Duration.ofMinutes(5));
        Duration renew = b.duration(LEADER_ELECTION_RENEW_DEADLINE, Duration.ofSeconds(1), Duration.ofMinutes(5));
        Duration retry = b.duration(LEADER_ELECTION_RETRY_PERIOD, Duration.ofMillis(100), Duration.ofMinutes(1));
        // the leader notices a missed renewal only at its next retry tick
        if (renew.plus(retry).compareTo(lease) >= 0) {
            b.problem(
                    LEADER_ELECTION_RENEW_DEADLINE,
                    "renewDeadline (" + Durations.format(renew) + ") + retryPeriod (" + Durations.format(retry)
                            + ") must be less than leaseDuration (" + Durations.format(lease)
                            + "), or an old leader may still publish when another takes the Lease");
        }
        if (retry.toMillis() * JITTER >= renew.toMillis()) {
            b.problem(
                    LEADER_ELECTION_RETRY_PERIOD,
                    "retryPeriod (" + Durations.format(retry) + ") must be below renewDeadline / 1.2 ("
                            + Durations.format(renew) + " / 1.2): a leader needs more than one renewal attempt");
        }
        return new VigilConfig.LeaderElection(
                b.bool(LEADER_ELECTION_ENABLED),
                b.typed(LEADER_ELECTION_LEASE_NAME, Forms::dnsLabel),
                b.typed(LEADER_ELECTION_LEASE_NAMESPACE, Forms::dnsLabel),
                lease,
                renew,
                retry);
    }
}
