package io.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapPressureTest {
    @Test
    void theGaugeIsZeroWhileTheOldGenerationHasRoomAndIsScraped() {
        VigilMetrics metrics = new VigilMetrics("test");

        HeapPressure pressure = HeapPressure.register(metrics, () -> Map.of("Pod", 3));

        assertThat(HeapPressure.oldGeneration()).isPresent();
        assertThat(pressure.underPressure()).isFalse();
        assertThat(metrics.scrape("text/plain")).contains("vigil_heap_pressure 0.0");
    }
}
