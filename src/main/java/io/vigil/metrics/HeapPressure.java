package io.vigil.metrics;

import io.micrometer.core.instrument.Tags;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.management.NotificationEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil_heap_pressure}: 1 while the old generation, measured right after a collection, holds more
 * than 90% of its maximum — live data, not garbage, so the JVM is heading for an OutOfMemoryError. The
 * first time it crosses, one log line names the cache size per kind, which is what an operator sizing
 * the heap needs to know (docs/benchmarks.md, sizing table).
 */
public final class HeapPressure {
    private static final Logger LOG = LoggerFactory.getLogger(HeapPressure.class);
    static final double THRESHOLD = 0.9;

    private final Optional<MemoryPoolMXBean> oldGen;

    private HeapPressure(Optional<MemoryPoolMXBean> oldGen) {
        this.oldGen = oldGen;
    }

    /** Registers the gauge and the one-line warning; {@code cacheSizes} is read only when it fires. */
    public static HeapPressure register(VigilMetrics metrics, Supplier<Map<String, Integer>> cacheSizes) {
        HeapPressure p = new HeapPressure(oldGeneration());
        metrics.gauge(MetricCatalog.HEAP_PRESSURE, Tags.empty(), () -> p.underPressure() ? 1 : 0);
        p.oldGen.ifPresent(pool -> {
            pool.setCollectionUsageThreshold((long) (pool.getUsage().getMax() * THRESHOLD));
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean())
                    .addNotificationListener(
                            (n, handback) -> {
                                if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
                                    LOG.warn(
                                            "heap pressure: {} holds over {}% of its maximum after GC; cached objects per kind: {}",
                                            pool.getName(), (int) (THRESHOLD * 100), cacheSizes.get());
                                }
                            },
                            null,
                            null);
        });
        return p;
    }

    /** True when the last collection left the old generation above the threshold. */
    public boolean underPressure() {
        return oldGen.map(HeapPressure::above).orElse(false);
    }

    static boolean above(MemoryPoolMXBean pool) {
        long max = pool.getUsage().getMax();
        var after = pool.getCollectionUsage();
        return max > 0 && after != null && after.getUsed() > max * THRESHOLD;
    }

    /** The heap pool that survives collections (G1 Old Gen, Tenured Gen, ...): the one with a threshold. */
    static Optional<MemoryPoolMXBean> oldGeneration() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .filter(MemoryPoolMXBean::isCollectionUsageThresholdSupported)
                .filter(p -> p.getUsage().getMax() > 0)
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .findFirst();
    }
}
