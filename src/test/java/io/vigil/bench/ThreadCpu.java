package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of every native thread of this process from {@code /proc/self/task} (GC and JIT threads included, which
 * ThreadMXBean does not see), grouped by what the thread does: the split of LatencyBench's CPU per watch event.
 * Linux only; elsewhere the snapshot is empty. Clock ticks are 10 ms, plenty over a run of seconds.
 */
final class ThreadCpu {
    private static final double NANOS_PER_TICK = 1e9 / 100;

    /** The thread groups in the order they print; a thread's name (truncated to 15 characters) picks the first. */
    private static final List<Map.Entry<String, List<String>>> GROUPS = List.of(
            // the launcher runs main() on a thread named after the binary
            Map.entry("feed (informer thread)", List.of("java")),
            Map.entry("event loop", List.of("vert.x-eventloo")),
            Map.entry("Vert.x workers", List.of("vert.x-worker-t", "vert.x-internal", "vigil-initial-s")),
            Map.entry("KafkaSink thread", List.of("vigil-kafka-pro")),
            Map.entry("Kafka client I/O", List.of("kafka-producer-")),
            Map.entry("GC", List.of("GC Thread", "G1 ", "VM Thread", "Serial")),
            Map.entry("JIT", List.of("C1 CompilerThre", "C2 CompilerThre")),
            Map.entry("broker", List.of("")));

    private ThreadCpu() {}

    /** Ticks of user + system time per thread id, with the thread's name. */
    record Snapshot(Map<String, Long> ticks, Map<String, String> names) {}

    static Snapshot snapshot() {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> read(t, ticks, names));
        } catch (IOException e) {
            return new Snapshot(Map.of(), Map.of());
        }
        return new Snapshot(ticks, names);
    }

    /** Nanoseconds of CPU per group between two snapshots (threads born in between count from zero). */
    static Map<String, Long> split(Snapshot before, Snapshot after) {
        Map<String, Long> out = new LinkedHashMap<>();
        GROUPS.forEach(g -> out.put(g.getKey(), 0L));
        after.ticks().forEach((tid, t) -> {
            long used = t - before.ticks().getOrDefault(tid, 0L);
            out.merge(group(after.names().get(tid)), Math.round(used * NANOS_PER_TICK), Long::sum);
        });
        return out;
    }

    private static String group(String name) {
        for (Map.Entry<String, List<String>> g : GROUPS) {
            if (g.getValue().stream().anyMatch(name::startsWith)) {
                return g.getKey();
            }
        }
        throw new IllegalStateException("the last group takes every name");
    }

    private static void read(Path task, Map<String, Long> ticks, Map<String, String> names) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            // comm is in parentheses and may hold spaces; the fields after it are space-separated
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String[] f = stat.substring(close + 2).split(" ");
            String tid = task.getFileName().toString();
            names.put(tid, stat.substring(open + 1, close));
            ticks.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            // the thread ended between the listing and the read: it has no share to report
        }
    }
}
