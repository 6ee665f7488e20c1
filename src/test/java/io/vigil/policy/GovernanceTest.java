package io.vigil.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.checks.BuiltInChecks;
import io.vigil.config.VigilConfig;
import io.vigil.model.ConfigChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §6: a change of the exceptions is recorded once; the digest kept in the data dir survives restarts. */
class GovernanceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static String exceptions(String expires) {
        return """
                apiVersion: vigil.io/v1
                kind: ExceptionList
                exceptions:
                  - id: legacy-host-port
                    check: host-port
                    reason: migration in TASK-812
                    owner: platform-team@example.com
                    expires: "%s"
                """.formatted(expires);
    }

    private Governance governance(Path file, List<ConfigChange> changes) {
        return new Governance(
                VigilConfig.Source.NONE,
                new VigilConfig.Source(Optional.of(file), Optional.empty()),
                BuiltInChecks.catalog(),
                CLOCK,
                dir.resolve("data"),
                changes::add);
    }

    @Test
    void aChangeIsRecordedOnceAndNotAgainAfterARestart() throws Exception {
        Path file = dir.resolve("exceptions.yaml");
        Files.writeString(file, exceptions("2026-12-31T00:00:00Z"));
        List<ConfigChange> changes = new ArrayList<>();
        Governance first = governance(file, changes);
        first.reload();
        first.reload();
        assertThat(changes).hasSize(1);
        ConfigChange initial = changes.get(0);
        assertThat(initial.changed()).containsExactly(ConfigChange.Part.EXCEPTIONS);
        assertThat(initial.digestBefore()).isNull();
        assertThat(initial.digestAfter()).isEqualTo(first.policy().digest());
        assertThat(first.policy().exceptions().size()).isEqualTo(1);

        Governance restarted = governance(file, changes);
        restarted.reload();
        assertThat(changes)
                .as("the same configuration after a restart is not a change")
                .hasSize(1);

        Files.writeString(file, exceptions("2027-01-31T00:00:00Z"));
        restarted.reload();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).digestBefore()).isEqualTo(initial.digestAfter());
        assertThat(changes.get(1).digestAfter())
                .isEqualTo(restarted.policy().digest())
                .isNotEqualTo(initial.digestAfter());
        assertThat(changes.get(1).details()).anyMatch(d -> d.contains("1 valid, 0 rejected"));
    }
}
