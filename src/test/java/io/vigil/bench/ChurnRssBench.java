package io.vigil.bench;

import static io.vigil.bench.ChildJvm.kib;
import static io.vigil.bench.ChildJvm.mib;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Kinds;
import io.vigil.testing.PromText;
import io.vigil.testing.RealApiServer;
import io.vigil.testing.RealApiServerSetup;
import io.vigil.testing.VigilProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 13 "memory under churn": {@code vigil watch} (the real {@code target/vigil.jar}, as a child JVM with
 * the flags under test) against a real kube-apiserver 1.20 + etcd while privileged Pods are created in
 * bursts and deleted again; prints the child's RSS (peak, after the churn, after a full GC) and its live
 * heap. A container memory limit is emulated with {@code -XX:MaxRAM} (what MaxRAMPercentage is taken of);
 * GC ergonomics do not follow MaxRAM, so name the collector in the flags.
 *
 * <p>Usage, from the repository root after {@code mvn -B -q package -DskipTests}:
 * {@code ChurnRssBench [--limit 768m|none] [--bursts 10] [--burst 200] [--cycles 3] [--] [JVM flags...]}
 */
public final class ChurnRssBench {
    private static final Duration CATCH_UP = Duration.ofMinutes(5);
    /** /metrics scrapes this program made while waiting for Vigil (their allocation is not the churn's). */
    private static long scrapes;

    record Options(
            String limit, int bursts, int burstSize, int cycles, Map<String, String> env, List<String> jvmFlags) {
        static Options parse(String[] args) {
            String limit = "768m";
            int bursts = 10;
            int burst = 200;
            int cycles = 3;
            List<String> flags = new ArrayList<>();
            Map<String, String> env = new java.util.TreeMap<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--limit" -> limit = args[++i];
                    case "--bursts" -> bursts = Integer.parseInt(args[++i]);
                    case "--burst" -> burst = Integer.parseInt(args[++i]);
                    case "--cycles" -> cycles = Integer.parseInt(args[++i]);
                    case "--env" -> {
                        String[] kv = args[++i].split("=", 2);
                        env.put(kv[0], kv[1]);
                    }
                    case "--" -> {}
                    default -> flags.add(args[i]);
                }
            }
            return new Options(limit, bursts, burst, cycles, Map.copyOf(env), List.copyOf(flags));
        }

        List<String> childFlags() {
            List<String> all = new ArrayList<>();
            if (!limit.equals("none")) {
                all.add("-XX:MaxRAM=" + limit);
            }
            all.addAll(jvmFlags);
            return all;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path dir = Files.createTempDirectory("churn-rss");
        System.out.printf(
                "churn: %d cycles x %d bursts x %d privileged pods; child flags %s, environment %s; %s%n",
                o.cycles(), o.bursts(), o.burstSize(), o.childFlags(), o.env(), BenchData.load());
        try (RealApiServer server = RealApiServer.start(dir.resolve("k8s"))) {
            RealApiServerSetup.installVigilRbac(server);
            String token = server.tokenFor(RealApiServerSetup.NAMESPACE, RealApiServerSetup.SERVICE_ACCOUNT);
            Path kubeconfig = server.kubeconfig(dir.resolve("vigil.kubeconfig"), token, server.url());
            try (VigilProcess vigil = VigilProcess.start(dir, kubeconfig, o.env(), o.childFlags());
                    PodChurn churn = new PodChurn(server.admin())) {
                try {
                    run(o, vigil, churn);
                } catch (RuntimeException | Error e) {
                    throw new IllegalStateException(e.getMessage() + "\n" + vigil.logTail(), e);
                }
            }
        }
    }

    private static void run(Options o, VigilProcess vigil, PodChurn churn) throws Exception {
        vigil.awaitReady(Duration.ofMinutes(3));
        ChildJvm child = new ChildJvm(vigil.process().pid());
        String gc = child.gcAndMaxHeap();
        System.out.println("| phase | pods cached | RSS | heap used | heap committed | non-heap committed | load |");
        System.out.println("|---|---|---|---|---|---|---|");
        row(vigil, child, "ready");
        Allocation before = Allocation.of(PromText.parse(vigil.metrics()));
        long start = System.nanoTime();
        double cpuBefore = child.cpuSeconds();
        Cached full = churn(o, vigil, churn, child);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = child.cpuSeconds() - cpuBefore;
        long peak = child.peakRss();
        long after = child.rss();
        PromText end = PromText.parse(vigil.metrics());
        Allocation churned = Allocation.of(end).minus(before);
        long scrapesDuringChurn = scrapes;
        ChildJvm.Histogram empty = child.liveHistogram();
        long live = empty.total();
        long afterGc = child.rss();
        long perScrape = allocationPerScrape(vigil, child);
        int pods = o.bursts() * o.burstSize();
        System.out.printf(
                "%nflags `%s`: %s; %d threads; %d pods created and deleted in %.0f s (%.0f Pod watch events/s);"
                        + " Vigil's CPU %.1f s = %.2f cores%n",
                String.join(" ", o.childFlags()),
                gc,
                child.threads(),
                o.cycles() * pods,
                seconds,
                churned.podEvents() / seconds,
                cpu,
                cpu / seconds);
        System.out.printf(
                "allocated %s during the churn (%d Pod watch events), of which %d /metrics scrapes of this program"
                        + " ~%s (%s each): %.0f KiB per Pod watch event without them%n",
                mib(churned.bytes()),
                churned.podEvents(),
                scrapesDuringChurn,
                mib(scrapesDuringChurn * perScrape),
                kib(perScrape),
                (churned.bytes() - scrapesDuringChurn * perScrape) / 1024.0 / Math.max(1, churned.podEvents()));
        System.out.printf(
                "live heap with %d pods cached (%.0f open findings): %s, without: %s = %.1f KiB per pod (cache +"
                        + " ledger + findings)%n",
                pods, full.findings(), mib(full.liveHeap()), mib(live), (full.liveHeap() - live) / 1024.0 / pods);
        System.out.println("| class | live bytes per cached pod (full minus empty) |");
        System.out.println("|---|---|");
        for (Map.Entry<String, Long> e : full.histogram().largestGrowth(empty, 12)) {
            System.out.printf("| `%s` | %,.0f |%n", e.getKey(), e.getValue() / (double) pods);
        }
        child.nativeMemorySummary().ifPresent(System.out::println);
        System.out.println(
                "| flags | GC, max heap | peak RSS (VmHWM) | RSS after churn | heap committed | live heap after full GC"
                        + " | RSS after full GC | load |");
        System.out.printf(
                "| `%s` | %s | %s | %s | %s | %s | %s | %s |%n",
                String.join(" ", o.childFlags()),
                gc,
                mib(peak),
                mib(after),
                mib(Heap.of(end).committed()),
                mib(live),
                mib(afterGc),
                BenchData.load());
    }

    /** Live heap and open findings with every pod of a burst cycle cached (measured in the last cycle). */
    record Cached(ChildJvm.Histogram histogram, double findings) {
        long liveHeap() {
            return histogram.total();
        }
    }

    private static Cached churn(Options o, VigilProcess vigil, PodChurn churn, ChildJvm child) throws Exception {
        Cached full = null;
        for (int c = 0; c < o.cycles(); c++) {
            for (int b = 0; b < o.bursts(); b++) {
                churn.createBurst(c, b, o.burstSize());
                awaitCaughtUp(vigil, (b + 1) * o.burstSize());
            }
            row(vigil, child, "cycle " + (c + 1) + ": " + o.bursts() * o.burstSize() + " created");
            if (c == o.cycles() - 1) {
                // one full GC, in the last cycle only, so that the RSS figures of the earlier ones are untouched
                double findings = PromText.parse(vigil.metrics()).samples("vigil_findings_open").stream()
                        .mapToDouble(PromText.Sample::value)
                        .sum();
                full = new Cached(child.liveHistogram(), findings);
                if (Boolean.getBoolean("bench.pause")) {
                    // Opt-in: holds the full cache until the person taking a heap dump of the child is done.
                    System.err.printf(
                            "PAUSED with every pod cached (Vigil is pid %d); press Enter to go on%n", child.pid());
                    System.in.read();
                }
            }
            churn.deleteAll();
            awaitCaughtUp(vigil, 0);
            row(vigil, child, "cycle " + (c + 1) + ": all deleted");
        }
        return full;
    }

    /**
     * What one /metrics scrape allocates in the child, so that this program's own polling can be told apart
     * from the churn (Micrometer's allocation counter moves at collections only: a GC before and after).
     */
    private static long allocationPerScrape(VigilProcess vigil, ChildJvm child) {
        int n = 200;
        child.jcmd("GC.run");
        long before = Allocation.of(PromText.parse(vigil.metrics())).bytes();
        for (int i = 0; i < n; i++) {
            vigil.metrics();
        }
        child.jcmd("GC.run");
        long after = Allocation.of(PromText.parse(vigil.metrics())).bytes();
        return (after - before) / (n + 1);
    }

    private static void awaitCaughtUp(VigilProcess vigil, int pods) {
        await().atMost(CATCH_UP)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .failFast(
                        "vigil exited:\n" + vigil.logTail(),
                        () -> !vigil.process().isAlive())
                .until(() -> {
                    scrapes++;
                    return caughtUp(PromText.parse(vigil.metrics()), pods);
                });
    }

    private static boolean caughtUp(PromText metrics, int pods) {
        return metrics.value("vigil_cached_objects", Map.of("kind", Kinds.POD)).orElse(-1.0) == pods
                && metrics.value("vigil_queue_keys", Map.of()).orElse(-1.0) == 0;
    }

    private static void row(VigilProcess vigil, ChildJvm child, String phase) {
        scrapes++;
        PromText metrics = PromText.parse(vigil.metrics());
        Heap heap = Heap.of(metrics);
        System.out.printf(
                "| %s | %.0f | %s | %s | %s | %s | %s |%n",
                phase,
                metrics.value("vigil_cached_objects", Map.of("kind", Kinds.POD)).orElse(-1.0),
                mib(child.rss()),
                mib(heap.used()),
                mib(heap.committed()),
                mib(heap.nonHeapCommitted()),
                BenchData.load());
    }

    /** Bytes the JVM allocated (Micrometer's jvm_gc_memory_allocated_bytes_total) and Pod watch events so far. */
    record Allocation(long bytes, long podEvents) {
        static Allocation of(PromText metrics) {
            double events = metrics.samples("vigil_watch_events_total").stream()
                    .filter(s -> Kinds.POD.equals(s.labels().get("kind")))
                    .mapToDouble(PromText.Sample::value)
                    .sum();
            double allocated = metrics.samples("jvm_gc_memory_allocated_bytes_total").stream()
                    .mapToDouble(PromText.Sample::value)
                    .sum();
            return new Allocation((long) allocated, (long) events);
        }

        Allocation minus(Allocation earlier) {
            return new Allocation(bytes - earlier.bytes, podEvents - earlier.podEvents);
        }
    }

    /** The JVM's own view, from Micrometer's jvm_memory_* series in /metrics. */
    record Heap(long used, long committed, long nonHeapCommitted) {
        static Heap of(VigilProcess vigil) {
            return of(PromText.parse(vigil.metrics()));
        }

        static Heap of(PromText metrics) {
            return new Heap(
                    sum(metrics, "jvm_memory_used_bytes", "heap"),
                    sum(metrics, "jvm_memory_committed_bytes", "heap"),
                    sum(metrics, "jvm_memory_committed_bytes", "nonheap"));
        }

        private static long sum(PromText metrics, String name, String area) {
            return (long) metrics.samples(name).stream()
                    .filter(s -> area.equals(s.labels().get("area")))
                    .mapToDouble(PromText.Sample::value)
                    .sum();
        }
    }
}
