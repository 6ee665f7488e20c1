package io.vigil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of another JVM seen from outside: the kernel's figures ({@code /proc/PID/status}, what a container's
 * memory limit counts, page cache aside) and the JVM's own ({@code jcmd}, attach by pid, which works with
 * {@code -XX:-UsePerfData} too).
 */
record ChildJvm(long pid) {
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

    /** Resident set size now, bytes. */
    long rss() {
        return statusField("VmRSS");
    }

    /** Peak resident set size since the process started (the kernel's high-water mark), bytes. */
    long peakRss() {
        return statusField("VmHWM");
    }

    /** User + system CPU time so far ({@code /proc/PID/stat} fields 14 and 15, at the kernel's 100 Hz). */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ", field 3 (state) is f[0]: utime (14) is f[11], stime (15) f[12]
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    long threads() {
        return statusField("Threads", 1);
    }

    /** Live heap: {@code GC.class_histogram} runs a full GC first and sums what survives, bytes. */
    long liveHeapAfterFullGc() {
        return liveHistogram().total();
    }

    /** What survives a full GC, by class ({@code GC.class_histogram}). */
    Histogram liveHistogram() {
        String out = jcmd("GC.class_histogram");
        Matcher m = HISTOGRAM_TOTAL.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no Total line in GC.class_histogram of " + pid + ":\n" + out);
        }
        Map<String, Long> bytes = new HashMap<>();
        Matcher row = HISTOGRAM_ROW.matcher(out);
        while (row.find()) {
            bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        }
        return new Histogram(Long.parseLong(m.group(1)), bytes);
    }

    /** Live bytes in total and by class name. */
    record Histogram(long total, Map<String, Long> bytesByClass) {
        /** The {@code n} classes that grew most from {@code before} to this one, largest first. */
        List<Map.Entry<String, Long>> largestGrowth(Histogram before, int n) {
            return bytesByClass.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.bytesByClass.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(n)
                    .toList();
        }
    }

    /** The collector and heap limit the JVM chose ({@code VM.flags}), e.g. "UseSerialGC, MaxHeapSize=576 MiB". */
    String gcAndMaxHeap() {
        String flags = jcmd("VM.flags");
        String gc = List.of("UseSerialGC", "UseG1GC", "UseParallelGC", "UseZGC", "UseShenandoahGC").stream()
                .filter(f -> flags.contains("-XX:+" + f))
                .findFirst()
                .orElse("GC?");
        Matcher max = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(flags);
        return max.find() ? gc + ", MaxHeapSize=" + mib(Long.parseLong(max.group(1))) : gc;
    }

    /** Committed memory by Native Memory Tracking, when the JVM runs with {@code -XX:NativeMemoryTracking}. */
    Optional<String> nativeMemorySummary() {
        String out = jcmd("VM.native_memory", "summary");
        Matcher total = NMT_TOTAL.matcher(out);
        if (!total.find()) {
            return Optional.empty();
        }
        StringBuilder parts = new StringBuilder("NMT committed " + mib(Long.parseLong(total.group(1)) * 1024));
        Matcher area = Pattern.compile("-\\s+(\\w[\\w ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)")
                .matcher(out);
        while (area.find()) {
            long bytes = Long.parseLong(area.group(2)) * 1024;
            if (bytes >= 4L << 20) {
                parts.append("; ").append(area.group(1).trim()).append(' ').append(mib(bytes));
            }
        }
        return Optional.of(parts.toString());
    }

    String jcmd(String... command) {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        List<String> args = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", args) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long statusField(String name) {
        return statusField(name, 1024);
    }

    private long statusField(String name, long unit) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * unit;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
        throw new IllegalStateException("no " + name + " in /proc/" + pid + "/status");
    }

    static String kib(long bytes) {
        return String.format("%.0f KiB", bytes / 1024.0);
    }

    static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / 1048576.0);
    }
}
