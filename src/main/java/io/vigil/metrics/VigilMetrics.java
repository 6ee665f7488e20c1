package io.vigil.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.metrics.MetricCatalog.Metric;
import io.vigil.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** Vigil's meters on one Prometheus registry; every name comes from {@link MetricCatalog}. */
public final class VigilMetrics {
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(100_000),
        Duration.ofMillis(1),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Tags, AtomicLong> gaugeValues = new ConcurrentHashMap<>();
    private final Map<Tags, Meter> gauges = new ConcurrentHashMap<>();
    private final Map<Metric, Timer> histograms = new ConcurrentHashMap<>();
    private final Map<Metric, List<LongConsumer>> observers = new ConcurrentHashMap<>();
    /** Micrometer holds a function counter's source weakly: these keep them alive as long as the registry. */
    private final List<Supplier<Number>> counterTotals = new CopyOnWriteArrayList<>();

    public VigilMetrics(String version) {
        for (Metric m : MetricCatalog.ALL) {
            if (m.type() == MetricCatalog.Type.HISTOGRAM) {
                histograms.put(m, timer(m));
            }
        }
        gauge(MetricCatalog.BUILD_INFO, Tags.of("version", version)).set(1);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        counter(MetricCatalog.LEADER_CHANGES, Tags.empty());
        // Every series exists from the start at 0, so increase() and rate() see the first event.
        for (String type : List.of("opened", "changed", "suppressed", "exception_expired", "resolved")) {
            for (Severity severity : Severity.values()) {
                counter(MetricCatalog.FINDING_EVENTS, Tags.of("type", type, "severity", severity.label()));
            }
        }
    }

    /** The Lease holder changed (HA); the series exists from the start at 0. */
    public void leaderChanged() {
        counter(MetricCatalog.LEADER_CHANGES, Tags.empty()).increment();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape(String contentType) {
        return registry.scrape(contentType);
    }

    /** One duration into a catalogue histogram, and to whoever observes it. */
    public void record(Metric histogram, long nanos) {
        Timer timer = histograms.get(histogram);
        if (timer == null) {
            throw new IllegalArgumentException(histogram.name() + " is not a histogram of this registry");
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
        for (LongConsumer o : observers.getOrDefault(histogram, List.of())) {
            o.accept(nanos);
        }
    }

    /**
     * Hands every later value of {@code histogram} to {@code observer} as well, on the recording thread. The scrape
     * shows only buckets; the latency benchmark reads exact percentiles of the very values Vigil exports.
     */
    public void observe(Metric histogram, LongConsumer observer) {
        observers.computeIfAbsent(histogram, m -> new CopyOnWriteArrayList<>()).add(observer);
    }

    public void watchEvent(String kind, String type) {
        counter(MetricCatalog.WATCH_EVENTS, Tags.of("kind", kind, "type", type)).increment();
        gauge(MetricCatalog.LAST_EVENT, Tags.of("kind", kind)).set(System.currentTimeMillis() / 1000);
    }

    public void findingEvent(String type, String severity) {
        counter(MetricCatalog.FINDING_EVENTS, Tags.of("type", type, "severity", severity))
                .increment();
    }

    /**
     * Creates a check's error counter at 0. Born at 1 on its first failure instead, the series would hide that
     * failure from {@code increase()}/{@code rate()} (no earlier sample to compare with), so an alert on check
     * errors would miss the first one; one series per catalogue check is bounded.
     */
    public void registerCheck(String check) {
        counter(MetricCatalog.CHECK_ERRORS, Tags.of("check", check));
    }

    public void checkError(String check) {
        counter(MetricCatalog.CHECK_ERRORS, Tags.of("check", check)).increment();
    }

    /** A gauge whose value Vigil sets; created on first use with value 0. */
    public AtomicLong gauge(Metric metric, Tags tags) {
        Tags key = tags.and("__name", metric.name());
        return gaugeValues.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            gauges.put(
                    k,
                    Gauge.builder(metric.meterName(), value, AtomicLong::get)
                            .description(metric.help())
                            .tags(tags)
                            .register(registry));
            return value;
        });
    }

    /** Drops a gauge series that no longer applies (a namespace without findings). */
    public void removeGauge(Metric metric, Tags tags) {
        Tags key = tags.and("__name", metric.name());
        gaugeValues.remove(key);
        Meter meter = gauges.remove(key);
        if (meter != null) {
            registry.remove(meter);
        }
    }

    /** A gauge computed at scrape time. */
    public void gauge(Metric metric, Tags tags, Supplier<Number> value) {
        Gauge.builder(metric.meterName(), value)
                .description(metric.help())
                .tags(tags)
                .register(registry);
    }

    /** A counter whose total another part keeps (it must never decrease); it exists from the start. */
    public void counter(Metric metric, Tags tags, Supplier<Number> total) {
        counterTotals.add(total);
        FunctionCounter.builder(metric.meterName(), total, t -> t.get().doubleValue())
                .description(metric.help())
                .tags(tags)
                .register(registry);
    }

    private Counter counter(Metric metric, Tags tags) {
        return Counter.builder(metric.meterName())
                .description(metric.help())
                .tags(tags)
                .register(registry);
    }

    private Timer timer(Metric metric) {
        return Timer.builder(metric.meterName())
                .description(metric.help())
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }
}
