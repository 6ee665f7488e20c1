package io.vigil.checks.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.testing.Fixture;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The evidence (observed values) of this family's fixtures, beyond the paths the fixture headers pin. */
class ServiceAccountEvidenceTest {

    private static List<Finding> run(String checkId, String file) {
        Fixture fixture = Fixture.all().stream()
                .filter(f -> f.checkId().equals(checkId)
                        && f.file().getFileName().toString().equals(file))
                .findFirst()
                .orElseThrow();
        return fixture.run(BuiltInChecks.catalog().find(checkId).orElseThrow()).findings();
    }

    @Test
    void sharedServiceAccountNamesTheOtherWorkloadsSorted() {
        Map<String, String> observed = run("shared-service-account", "fail-three-workloads.yaml").stream()
                .collect(Collectors.toMap(f -> f.resource().name(), Finding::observed));
        assertThat(observed)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "reviews-v1", "reviews, also used by CronJob/reviews-report, StatefulSet/reviews-db",
                        "reviews-db", "reviews, also used by CronJob/reviews-report, Deployment/reviews-v1",
                        "reviews-report", "reviews, also used by Deployment/reviews-v1, StatefulSet/reviews-db"));
    }

    @Test
    void sharedServiceAccountCountsControllersNotTheirPods() {
        assertThat(run("shared-service-account", "fail-two-operator-controllers.yaml"))
                .extracting(Finding::observed)
                .containsExactlyInAnyOrder("apps, also used by WebApp/admin", "apps, also used by WebApp/web");
    }

    @Test
    void automountSaysWhereTheEffectiveValueCameFrom() {
        assertThat(run("sa-token-automount", "fail-pod-true-overrides-sa-false.yaml"))
                .extracting(Finding::observed)
                .containsExactly("true");
        assertThat(run("sa-token-automount", "fail-sa-true.yaml"))
                .extracting(Finding::observed)
                .containsExactly("unset (ServiceAccount report sets true)");
        assertThat(run("sa-token-automount", "fail-dedicated-sa-unset.yaml"))
                .extracting(Finding::observed)
                .containsExactly("unset (ServiceAccount api leaves it unset; defaults to true)");
        assertThat(run("sa-token-automount", "fail-pod-defaults.yaml"))
                .extracting(Finding::observed)
                .containsExactly("unset (ServiceAccount default not found; defaults to true)");
    }

    @Test
    void defaultServiceAccountDistinguishesUnsetFromExplicit() {
        assertThat(run("default-service-account", "fail-pod-unset.yaml"))
                .extracting(Finding::observed)
                .containsExactly("unset (default)");
        assertThat(run("default-service-account", "fail-deployment-explicit-default.yaml"))
                .extracting(Finding::observed)
                .containsExactly("default");
    }
}
