package io.vigil.checks.dapr;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Finding;
import io.vigil.testing.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What fixture headers cannot state: secrets stay masked, and the misplaced-scopes message. */
class DaprChecksTest {
    private static List<Finding> run(String checkId, String file) {
        Fixture fixture = Fixture.all().stream()
                .filter(f -> f.checkId().equals(checkId)
                        && f.file().getFileName().toString().equals(file))
                .findFirst()
                .orElseThrow();
        return fixture.run(DaprChecks.all().stream()
                        .filter(c -> c.id().equals(checkId))
                        .findFirst()
                        .orElseThrow())
                .findings();
    }

    @Test
    void plainSecretsAreNeverShown() {
        List<Finding> findings = run("dapr-component-plain-secret", "fail-names-and-shapes.yaml");
        assertThat(findings).hasSize(4).allSatisfy(f -> {
            assertThat(f.observed()).startsWith("<masked len=");
            String all = f.message() + f.observed() + f.expected() + f.path();
            assertThat(all).doesNotContain("hunter22", "AKIAIOSFODNN7EXAMPLE", "pa55word", "c2VjcmV0");
        });
        assertThat(run("dapr-component-plain-secret", "fail-redis-password-literal.yaml"))
                .singleElement()
                .satisfies(f -> assertThat(f.observed()).isEqualTo("<masked len=16>"));
    }

    @Test
    void misplacedScopesSayToMoveThem() {
        assertThat(run("dapr-component-unscoped", "fail-scopes-under-spec.yaml"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ignores").contains("top level"));
    }

    @Test
    void secretNames() {
        assertThat(SecretValues.secretName("redisPassword")).isTrue();
        assertThat(SecretValues.secretName("saslPassword")).isTrue();
        assertThat(SecretValues.secretName("masterKey")).isTrue();
        assertThat(SecretValues.secretName("clientSecret")).isTrue();
        assertThat(SecretValues.secretName("encryptionKey")).isTrue();
        assertThat(SecretValues.secretName("tokenURL")).isFalse();
        assertThat(SecretValues.secretName("secretName")).isFalse();
        assertThat(SecretValues.secretName("keyPrefix")).isFalse();
        assertThat(SecretValues.secretName("partitionKey")).isFalse();
        assertThat(SecretValues.secretName("publicKey")).isFalse();
        assertThat(SecretValues.secretName("redisHost")).isFalse();
        assertThat(SecretValues.secretName(null)).isFalse();
    }
}
