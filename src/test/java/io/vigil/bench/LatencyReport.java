package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/** LatencyBench's rows, in the table format of docs/benchmarks.md (figure | measured | target | result). */
final class LatencyReport {
    private LatencyReport() {}

    static void print(LatencyBench.Result r) {
        LatencyBench.Options o = r.options();
        System.out.printf(
                "| *LatencyBench: %d cached pods (%d of them updated), %,d watch events/s for %d s after %d s warm-up;"
                        + " kafka.flushInterval %d ms, kafka.flushMaxEvents %d, properties %s; load average %s; %s*"
                        + " | | | |%n",
                o.pods(),
                o.updatedPods(),
                o.rate(),
                o.seconds(),
                o.warmupSeconds(),
                r.settings().flushInterval().toMillis(),
                r.settings().flushMaxEvents(),
                r.settings().properties(),
                loadAverage(),
                BenchData.jvm());
        boolean atTargetRate = o.rate() >= LatencyBench.TARGET_RATE;
        double vigilP99 = ms(r.vigil().getValueAtPercentile(99));
        double bareP99 = ms(r.bare().getValueAtPercentile(99));
        System.out.printf(
                "| watch event received -> Kafka commit: decode + store + AuditVerticle + KafkaSink, per finding event"
                        + " | %s (%,d finding events from %,d watch events) | p99 <= %.0f ms at 5k events/s | %s |%n",
                percentiles(r.vigil()),
                r.vigil().getTotalCount(),
                (long) o.seconds() * o.rate(),
                LatencyBench.TARGET_P99_MS,
                verdict(atTargetRate, vigilP99 <= LatencyBench.TARGET_P99_MS));
        System.out.printf(
                "| bare transactional producer: the same records on the same schedule, same batching | %s (%,d records"
                        + " to each topic) | - | - |%n",
                percentiles(r.bare()), r.bare().getTotalCount());
        System.out.printf(
                "| Vigil's p99 minus the bare producer's p99, same run | %+.1f ms | within %.0f ms | %s |%n",
                vigilP99 - bareP99,
                LatencyBench.TARGET_GAP_MS,
                verdict(atTargetRate, vigilP99 - bareP99 <= LatencyBench.TARGET_GAP_MS));
        printBreakdown(r.breakdown(), r.vigil().getTotalCount(), r.bare().getTotalCount());
        double loopP999 = ms(r.loopTasks().getValueAtPercentile(99.9));
        System.out.printf(
                "| AuditVerticle: time of one event-loop task | %s (%,d tasks) | nothing over %.0f ms at p99.9 | %s |%n",
                percentiles(r.loopTasks()),
                r.loopTasks().getTotalCount(),
                LatencyBench.TARGET_LOOP_MS,
                verdict(true, loopP999 <= LatencyBench.TARGET_LOOP_MS));
        System.out.printf(
                "| feed (the informer's thread: decode + store + key hand-over) | %,.0f watch events/s achieved;"
                        + " behind schedule p99 %.2f ms, max %.2f ms | - | - |%n",
                r.feedLateness().getTotalCount() / r.feedSeconds(),
                ms(r.feedLateness().getValueAtPercentile(99)),
                ms(r.feedLateness().getMaxValue()));
        long watchEvents = r.feedLateness().getTotalCount();
        double feedUs = r.feedThreadCpuNanos() / 1e3 / watchEvents;
        System.out.printf(
                "| CPU per watch event: the feed thread; the whole process (pipeline, Kafka client, the in-process"
                        + " broker, GC) until the last commit | feed thread %.0f us (one thread could feed %,.0f events/s"
                        + " at full speed); process %.2f cores = %.0f us | - | - |%n",
                feedUs,
                1e6 / feedUs,
                r.processCpuNanos() / (double) r.measuredWallNanos(),
                r.processCpuNanos() / 1e3 / watchEvents);
        StringBuilder split = new StringBuilder();
        r.cpuSplit()
                .forEach((group, nanos) -> split.append(split.isEmpty() ? "" : "; ")
                        .append(String.format("%s %.0f us", group, nanos / 1e3 / watchEvents)));
        System.out.printf("| CPU per watch event by thread (/proc/self/task, same window) | %s | - | - |%n", split);
        boolean complete = r.published() == r.inKafka()
                && r.committedObserved() == r.published()
                && r.vigil().getTotalCount() == r.measuredEvents()
                && r.bareCommitted() == r.measuredEvents()
                && r.bareInKafka() == r.measuredEvents();
        System.out.printf(
                "| every finding event committed to Kafka (read_committed count of the events topic) | Vigil: %,d"
                        + " published (%,d by the first full evaluation), %,d committed; bare: %,d of %,d | all | %s |%n",
                r.published(),
                r.initialEvents(),
                r.inKafka(),
                r.bareInKafka(),
                r.measuredEvents(),
                complete ? "PASS" : "FAIL");
    }

    /** Percentiles per stage; they do not add up (each stage's p99 is a different event). */
    private static void printBreakdown(LatencyBench.Breakdown b, long vigilEvents, long bareEvents) {
        System.out.printf(
                "| stage 1: watch event due -> finding events handed to KafkaSink (feed lateness, decode, store, loop"
                        + " queue, evaluation, ledger) | %s | - | - |%n",
                percentiles(b.handOver()));
        System.out.printf(
                "| stage 2: handed to KafkaSink -> its transaction begins (encoding, flush window, commit in flight;"
                        + " `vigil_kafka_batch_wait_seconds`) | %s | - | - |%n",
                percentiles(b.batchWait()));
        System.out.printf(
                "| stage 3: one transaction, begin -> commit returned (`vigil_kafka_transaction_seconds`) | Vigil %s"
                        + " (%,d transactions, %.1f events each); bare %s (%,d, %.1f each) | - | - |%n",
                percentiles(b.transactions()),
                b.transactions().getTotalCount(),
                vigilEvents / (double) Math.max(1, b.transactions().getTotalCount()),
                percentiles(b.bareTransactions()),
                b.bareTransactions().getTotalCount(),
                bareEvents / (double) Math.max(1, b.bareTransactions().getTotalCount()));
    }

    static String percentiles(Histogram h) {
        return String.format(
                "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()));
    }

    private static String verdict(boolean applies, boolean pass) {
        return applies ? (pass ? "PASS" : "FAIL") : "- (below 5k events/s)";
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
