package io.vigil.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DESIGN §11 "initial sync + full evaluation" on all cores, against its physical reference: the same pod
 * bytes decoded by plain Jackson into fabric8's typed {@code Pod} class with the same number of threads
 * (the raw decode rate), then the compact path (informers' serialization -> ProjectedStore) and the first
 * full evaluation, each split over the threads. Every path gets the same JIT warm-up; then three rounds of all
 * three are measured and the median (min–max) printed, with the JIT compile time that still fell into each round.
 * Prints Markdown rows. Usage: ParallelSyncBench [pods] [namespaces] [threads].
 */
public final class ParallelSyncBench {
    private static final ObjectMapper TYPED =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int threads = args.length > 2
                ? Integer.parseInt(args[2])
                : Runtime.getRuntime().availableProcessors();
        List<byte[]> pods = BenchData.pods(n, namespaces, 1);
        List<byte[]> nss = BenchData.namespaces(namespaces);
        List<byte[]> nps = BenchData.networkPolicies(namespaces);
        AuditSettings settings = AuditSettings.defaults();
        Evaluator evaluator = new Evaluator(BuiltInChecks.catalog().all(), settings);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // JIT warm-up of every path, the same for each, on throwaway data: one pass left the C2 compiler busy
            // through the measured windows (issue 13), so the figures measured the JIT more than the code
            List<byte[]> warmPods = BenchData.pods(10_000, namespaces, 99);
            int warmUps = BenchData.warmUp(WARM_UP_PASSES, MAX_WARM_UP_PASSES, () -> {
                StoreView warm = new StoreView(settings);
                nss.forEach(b -> warm.ingest(Kinds.NAMESPACE, b));
                split(
                        pool,
                        threads,
                        warmPods,
                        b -> TYPED.readValue(b, Pod.class)
                                .getMetadata()
                                .getName()
                                .length());
                split(
                        pool,
                        threads,
                        warmPods,
                        b -> evaluator
                                .evaluate(warm.ingest(Kinds.POD, b), warm)
                                .findings()
                                .size());
            });
            List<Round> rounds = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                rounds.add(round(pool, threads, pods, nss, nps, settings, evaluator));
            }
            print(n, threads, pods.size(), nss.size(), nps.size(), warmUps, rounds);
        } finally {
            pool.shutdownNow();
        }
    }

    static final int WARM_UP_PASSES = 5;
    static final int MAX_WARM_UP_PASSES = 20;
    static final int ROUNDS = 3;

    /** One measured round: raw reference, compact decode + store into a fresh cache, first full evaluation. */
    record Round(double raw, double decode, double eval, double total, long findings, long failures, long jitMillis) {}

    private static Round round(
            ExecutorService pool,
            int threads,
            List<byte[]> pods,
            List<byte[]> nss,
            List<byte[]> nps,
            AuditSettings settings,
            Evaluator evaluator)
            throws Exception {
        long jit0 = BenchData.jitMillis();
        long t0 = System.nanoTime();
        split(
                pool,
                threads,
                pods,
                b -> TYPED.readValue(b, Pod.class).getMetadata().getName().length());
        long rawNs = System.nanoTime() - t0;

        StoreView view = new StoreView(settings);
        long t1 = System.nanoTime();
        nss.forEach(b -> view.ingest(Kinds.NAMESPACE, b));
        nps.forEach(b -> view.ingest(Kinds.NETWORK_POLICY, b));
        split(pool, threads, pods, b -> {
            view.ingest(Kinds.POD, b);
            return 1;
        });
        long decodeNs = System.nanoTime() - t1;
        List<KubeObject> all = new ArrayList<>();
        view.stores.values().forEach(s -> all.addAll(s.objects()));
        AtomicLong failures = new AtomicLong();
        long t2 = System.nanoTime();
        long findings = split(pool, threads, all, o -> {
            Evaluator.Result r = evaluator.evaluate(o, view);
            failures.addAndGet(r.failures().size());
            return r.findings().size();
        });
        long evalNs = System.nanoTime() - t2;
        int objects = pods.size() + nss.size() + nps.size();
        return new Round(
                pods.size() / (rawNs / 1e9),
                objects / (decodeNs / 1e9),
                all.size() / (evalNs / 1e9),
                objects / ((decodeNs + evalNs) / 1e9),
                findings,
                failures.get(),
                BenchData.jitMillis() - jit0);
    }

    private static void print(int n, int threads, int pods, int nss, int nps, int warmUps, List<Round> rounds) {
        Round raw = median(rounds, Round::raw);
        Round decode = median(rounds, Round::decode);
        Round total = median(rounds, Round::total);
        System.out.printf(
                "| *ParallelSyncBench: %d pods, %d namespaces, %d network policies, %d threads; %d warm-up passes of "
                        + "every path (at least %d, until one compiles for < 5%% of its time), then the median (min–max) of %d rounds, each: raw, then compact decode + store, "
                        + "then evaluation; %s* | | | |%n",
                n, nss, nps, threads, warmUps, WARM_UP_PASSES, ROUNDS, BenchData.jvm());
        System.out.printf(
                "| raw reference: plain Jackson decode into fabric8's typed Pod, %d threads | %,.0f (%s) pods/s | - | - |%n",
                threads, raw.raw(), range(rounds, Round::raw));
        System.out.printf(
                "| initial sync: compact decode + store, %d threads | %,.0f (%s) objects/s (%.0f%% of raw) | - | - |%n",
                threads, decode.decode(), range(rounds, Round::decode), 100 * decode.decode() / raw.raw());
        System.out.printf(
                "| initial sync: first full evaluation, %d threads | %,.0f (%s) objects/s (%d findings, %d check failures) | - | - |%n",
                threads,
                median(rounds, Round::eval).eval(),
                range(rounds, Round::eval),
                total.findings(),
                total.failures());
        System.out.printf(
                "| initial sync + full evaluation, %d threads (decode, then evaluate) | %,.0f (%s) objects/s (%.0f%% of raw; "
                        + "per round %s%% of that round's raw) | >= 20k objects/s and >= 60%% of raw | %s |%n",
                threads,
                total.total(),
                range(rounds, Round::total),
                100 * total.total() / raw.raw(),
                String.join(
                        "/",
                        rounds.stream()
                                .map(r -> String.format("%.0f", 100 * r.total() / r.raw()))
                                .toList()),
                total.total() >= 20_000 && total.total() >= 0.6 * raw.raw() ? "PASS" : "FAIL");
        System.out.printf(
                "| JIT compilation during the measured rounds | %s ms per round | - | - |%n",
                String.join(
                        ", ",
                        rounds.stream().map(r -> Long.toString(r.jitMillis())).toList()));
    }

    private static Round median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> by) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(by));
        return sorted.get(sorted.size() / 2);
    }

    private static String range(List<Round> rounds, java.util.function.ToDoubleFunction<Round> by) {
        double min = rounds.stream().mapToDouble(by).min().orElse(0);
        double max = rounds.stream().mapToDouble(by).max().orElse(0);
        return String.format("%,.0f–%,.0f", min, max);
    }

    interface Work<T> {
        long run(T item) throws Exception;
    }

    /** Runs {@code work} over contiguous slices of {@code items}, one per thread; sums the results. */
    static <T> long split(ExecutorService pool, int threads, List<T> items, Work<T> work) throws Exception {
        List<Future<Long>> parts = new ArrayList<>();
        int slice = (items.size() + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            List<T> part = items.subList(Math.min(items.size(), t * slice), Math.min(items.size(), (t + 1) * slice));
            parts.add(pool.submit(() -> {
                long sum = 0;
                for (T item : part) {
                    sum += work.run(item);
                }
                return sum;
            }));
        }
        long sum = 0;
        for (Future<Long> f : parts) {
            sum += f.get();
        }
        return sum;
    }
}
