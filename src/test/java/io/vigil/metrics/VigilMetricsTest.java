package io.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VigilMetricsTest {
    private final VigilMetrics metrics = new VigilMetrics("test");

    @Test
    void aRecordedDurationReachesTheScrapeAndEveryObserverExactly() {
        List<Long> seen = new ArrayList<>();
        metrics.observe(MetricCatalog.CHANGE_TO_PUBLISH, seen::add);

        metrics.record(MetricCatalog.CHANGE_TO_PUBLISH, 12_345_678L);
        metrics.record(MetricCatalog.EVENT_LOOP_TASK, 1_000L);

        assertThat(seen).containsExactly(12_345_678L);
        String scrape = metrics.scrape("text/plain");
        assertThat(scrape).contains("vigil_change_to_publish_seconds_count 1\n");
        assertThat(scrape).contains("vigil_change_to_publish_seconds_sum 0.012345678\n");
        assertThat(scrape).contains("vigil_event_loop_task_seconds_count 1\n");
    }

    @Test
    void onlyCatalogueHistogramsTakeDurations() {
        assertThatThrownBy(() -> metrics.record(MetricCatalog.QUEUE_DEPTH, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vigil_queue_keys is not a histogram of this registry");
    }
}
