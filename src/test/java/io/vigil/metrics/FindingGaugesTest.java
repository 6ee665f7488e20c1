package io.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.model.Suppression;
import io.vigil.model.TrackedFinding;
import io.vigil.testing.PromText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The open-finding gauges the alerts read: a suppressed finding never counts as open, and moves between series. */
class FindingGaugesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ResourceRef API = new ResourceRef("apps/v1", "Deployment", "shop", "api", "uid-api");

    private final VigilMetrics metrics = new VigilMetrics("test");
    private final FindingGauges gauges = new FindingGauges(metrics, true);

    private static Finding privileged() {
        return new Finding(
                "f-1",
                "c1",
                "privileged-container",
                "pod-security",
                Severity.CRITICAL,
                "Privileged container",
                "privileged",
                API,
                "spec.containers[name=api].securityContext.privileged",
                "true",
                "false",
                List.of("CIS:5.2.1", "SOC2:CC6.8", "PSS:baseline"),
                "drop privileged",
                null);
    }

    private static TrackedFinding tracked(boolean baselined, boolean drift, Suppression suppression) {
        return new TrackedFinding(privileged(), new FindingStatus(T0, T0, baselined, drift, false, suppression));
    }

    private double value(MetricCatalog.Metric metric, Map<String, String> labels) {
        return PromText.parse(metrics.scrape("text/plain"))
                .value(metric.name(), labels)
                .orElseThrow(() -> new AssertionError("no series " + metric.name() + labels));
    }

    private static final Map<String, String> OPEN_LABELS = Map.of(
            "check", "privileged-container", "family", "pod-security", "severity", "critical", "baselined", "false");
    private static final Map<String, String> SUPPRESSED_LABELS =
            Map.of("check", "privileged-container", "family", "pod-security", "severity", "critical");

    @Test
    void anOpenDriftFindingCountsAsOpenDriftAndPerControl() {
        gauges.count(List.of(new FindingEvent.Opened(tracked(false, true, null), 1, T0, T0, "detected")));

        assertThat(value(MetricCatalog.FINDINGS_OPEN, OPEN_LABELS)).isEqualTo(1);
        assertThat(value(MetricCatalog.DRIFT_FINDINGS, Map.of("severity", "critical")))
                .isEqualTo(1);
        assertThat(value(
                        MetricCatalog.CONTROL_FINDINGS_OPEN,
                        Map.of("framework", "CIS", "control", "5.2.1", "state", "open")))
                .isEqualTo(1);
        assertThat(value(
                        MetricCatalog.CONTROL_FINDINGS_OPEN,
                        Map.of("framework", "SOC2", "control", "CC6.8", "state", "open")))
                .isEqualTo(1);
        assertThat(PromText.parse(metrics.scrape("text/plain")).samples(MetricCatalog.CONTROL_FINDINGS_OPEN.name()))
                .as("PSS levels are not a framework of the compliance dashboard")
                .hasSize(2);
    }

    @Test
    void aSuppressedFindingLeavesOpenAndDriftForSuppressed() {
        gauges.count(List.of(new FindingEvent.Opened(tracked(false, true, null), 1, T0, T0, "detected")));
        Suppression exception = new Suppression("EXC-1", T0.plusSeconds(86_400));
        gauges.count(
                List.of(new FindingEvent.Suppressed(tracked(false, true, exception), 2, T0, T0, "exception EXC-1")));

        assertThat(value(MetricCatalog.FINDINGS_OPEN, OPEN_LABELS)).isZero();
        assertThat(value(MetricCatalog.DRIFT_FINDINGS, Map.of("severity", "critical")))
                .isZero();
        assertThat(value(MetricCatalog.FINDINGS_SUPPRESSED, SUPPRESSED_LABELS)).isEqualTo(1);
        assertThat(value(
                        MetricCatalog.CONTROL_FINDINGS_OPEN,
                        Map.of("framework", "CIS", "control", "5.2.1", "state", "suppressed")))
                .isEqualTo(1);
        assertThat(value(
                        MetricCatalog.CONTROL_FINDINGS_OPEN,
                        Map.of("framework", "CIS", "control", "5.2.1", "state", "open")))
                .isZero();
    }

    @Test
    void aBaselinedFindingIsOpenWithBaselinedTrueAndResolvingClearsEverySeries() {
        gauges.count(List.of(new FindingEvent.Opened(tracked(true, false, null), 1, T0, T0, "detected")));
        assertThat(value(
                        MetricCatalog.CONTROL_FINDINGS_OPEN,
                        Map.of("framework", "SOC2", "control", "CC6.8", "state", "baselined")))
                .isEqualTo(1);
        Map<String, String> baselined = new java.util.HashMap<>(OPEN_LABELS);
        baselined.put("baselined", "true");
        assertThat(value(MetricCatalog.FINDINGS_OPEN, baselined)).isEqualTo(1);

        gauges.count(List.of(new FindingEvent.Resolved(tracked(true, false, null), 2, T0, T0, "fixed")));

        assertThat(value(MetricCatalog.FINDINGS_OPEN, baselined)).isZero();
        assertThat(value(
                        MetricCatalog.CONTROL_FINDINGS_OPEN,
                        Map.of("framework", "SOC2", "control", "CC6.8", "state", "baselined")))
                .isZero();
    }

    @Test
    void everyCatalogueControlHasItsThreeSeriesFromTheStart() {
        gauges.declareControls(io.vigil.checks.BuiltInChecks.catalog());

        PromText scrape = PromText.parse(metrics.scrape("text/plain"));
        List<PromText.Sample> series = scrape.samples(MetricCatalog.CONTROL_FINDINGS_OPEN.name());
        assertThat(series).isNotEmpty().allSatisfy(s -> assertThat(s.value()).isZero());
        assertThat(series.size() % 3).isZero();
        assertThat(series)
                .extracting(s -> s.labels().get("framework"))
                .containsOnly("SOC2", "HIPAA", "CIS", "NSA")
                .contains("SOC2", "HIPAA", "CIS", "NSA");
        assertThat(scrape.value(
                        MetricCatalog.CONTROL_FINDINGS_OPEN.name(),
                        Map.of("framework", "SOC2", "control", "CC8.1", "state", "baselined")))
                .contains(0.0);
    }
}
