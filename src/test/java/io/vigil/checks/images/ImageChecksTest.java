package io.vigil.checks.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Finding;
import io.vigil.model.Severity;
import io.vigil.testing.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What fixture headers cannot state: severities and which objects the findings are on. */
class ImageChecksTest {
    private static List<Finding> run(String checkId, String file) {
        Fixture fixture = Fixture.all().stream()
                .filter(f -> f.checkId().equals(checkId)
                        && f.file().getFileName().toString().equals(file))
                .findFirst()
                .orElseThrow();
        return fixture.run(ImageChecks.all().stream()
                        .filter(c -> c.id().equals(checkId))
                        .findFirst()
                        .orElseThrow())
                .findings();
    }

    @Test
    void vulnerableSeverityFollowsTheWorst() {
        assertThat(run("image-vulnerable", "fail-critical-matched-by-labels.yaml"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.observed()).isEqualTo("2 critical, 5 high");
                });
        assertThat(run("image-vulnerable", "fail-high-matched-by-image.yaml"))
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void signatureFindingsNameTheUncoveredNamespaces() {
        assertThat(run("image-signature-unenforced", "fail-kyverno-match-and-exclude-namespaces.yaml"))
                .extracting(f -> f.resource().name())
                .containsExactlyInAnyOrder("dev", "prod-legacy", "prod-us");
        assertThat(run("image-signature-unenforced", "fail-sigstore-namespace-not-included.yaml"))
                .extracting(f -> f.resource().name())
                .containsExactlyInAnyOrder("shop", "sandbox");
        assertThat(run("image-signature-unenforced", "fail-kyverno-namespaced-policy.yaml"))
                .extracting(f -> f.resource().name())
                .containsExactly("billing");
    }

    @Test
    void untrustedRegistryShowsTheNormalisedName() {
        assertThat(run("image-untrusted-registry", "fail-docker-hub-normalised.yaml"))
                .singleElement()
                .extracting(Finding::observed)
                .isEqualTo("docker.io/library/nginx");
    }
}
