package io.vigil.config;

import static io.vigil.config.ConfigTesting.load;
import static io.vigil.config.ConfigTesting.problems;
import static io.vigil.config.ConfigTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderElectionConfigTest {
    private static final Map<String, String> KAFKA =
            Map.of("VIGIL_API_TOKEN", ConfigTesting.TOKEN, "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");

    @TempDir
    Path dir;

    @Test
    void offByDefaultWithClientGoTimings() {
        assertThat(load(null, ConfigTesting.WITH_TOKEN).leaderElection())
                .isEqualTo(new VigilConfig.LeaderElection(
                        false,
                        "vigil-leader",
                        "vigil",
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2)));
    }

    @Test
    void fileAndEnvironmentSetEveryField() {
        Path file = write(dir, "vigil.yaml", """
                leaderElection:
                  enabled: true
                  leaseName: audit-lease
                  leaseNamespace: security
                  leaseDuration: 30s
                """);
        Map<String, String> env = new HashMap<>(KAFKA);
        env.put("VIGIL_LEADER_ELECTION_RENEW_DEADLINE", "20s");
        env.put("VIGIL_LEADER_ELECTION_RETRY_PERIOD", "500ms");

        VigilConfig.LeaderElection le = load(file, env).leaderElection();

        assertThat(le)
                .isEqualTo(new VigilConfig.LeaderElection(
                        true,
                        "audit-lease",
                        "security",
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(20),
                        Duration.ofMillis(500)));
        assertThat(le.lease()).isEqualTo("security/audit-lease");
    }

    @Test
    void aRenewDeadlineThatLeavesNoMarginBeforeTheLeaseExpiresIsRefused() {
        Path file = write(dir, "vigil.yaml", """
                leaderElection:
                  enabled: true
                  leaseDuration: 10s
                  renewDeadline: 9s
                  retryPeriod: 1s
                """);
        assertThat(problems(file, KAFKA))
                .containsExactly(file + ":4: leaderElection.renewDeadline: renewDeadline (9s) + retryPeriod (1s) must"
                        + " be less than leaseDuration (10s), or an old leader may still publish when another takes"
                        + " the Lease");
    }

    @Test
    void aRetryPeriodWithoutRoomForASecondRenewalIsRefused() {
        Path file = write(dir, "vigil.yaml", """
                leaderElection:
                  leaseDuration: 1m
                  renewDeadline: 5s
                  retryPeriod: 5s
                """);
        assertThat(problems(file, KAFKA))
                .containsExactly(file + ":4: leaderElection.retryPeriod: retryPeriod (5s) must be below renewDeadline"
                        + " / 1.2 (5s / 1.2): a leader needs more than one renewal attempt");
    }

    @Test
    void aBadLeaseNameIsNamed() {
        assertThat(problems(
                        null,
                        Map.of(
                                "VIGIL_API_TOKEN",
                                ConfigTesting.TOKEN,
                                "VIGIL_LEADER_ELECTION_LEASE_NAME",
                                "Vigil_Lease")))
                .singleElement()
                .satisfies(p ->
                        assertThat(p).startsWith("env VIGIL_LEADER_ELECTION_LEASE_NAME: leaderElection.leaseName: "));
    }
}
