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
 * full evaluation, each split over the threads. Prints Markdown rows. Usage: ParallelSyncBench [pods]
 * [namespaces] [threads].
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
            // JIT warm-up of every path on throwaway data
            List<byte[]> warmPods = BenchData.pods(10_000, namespaces, 99);
            StoreView warm = new StoreView(settings);
            nss.forEach(b -> warm.ingest(Kinds.NAMESPACE, b));
            split(
                    pool,
                    threads,
                    warmPods,
                    b -> TYPED.readValue(b, Pod.class).getMetadata().getName().length());
            split(
                    pool,
                    threads,
                    warmPods,
                    b -> evaluator
                            .evaluate(warm.ingest(Kinds.POD, b), warm)
                            .findings()
                            .size());

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
            double raw = pods.size() / (rawNs / 1e9);
            double decode = objects / (decodeNs / 1e9);
            double total = objects / ((decodeNs + evalNs) / 1e9);
            System.out.printf(
                    "| *ParallelSyncBench: %d pods, %d namespaces, %d network policies, %d threads; %s* | | | |%n",
                    n, nss.size(), nps.size(), threads, BenchData.jvm());
            System.out.printf(
                    "| raw reference: plain Jackson decode into fabric8's typed Pod, %d threads | %,.0f pods/s | - | - |%n",
                    threads, raw);
            System.out.printf(
                    "| initial sync: compact decode + store, %d threads | %,.0f objects/s (%.0f%% of raw) | - | - |%n",
                    threads, decode, 100 * decode / raw);
            System.out.printf(
                    "| initial sync: first full evaluation, %d threads | %,.0f objects/s (%d findings, %d check failures) | - | - |%n",
                    threads, all.size() / (evalNs / 1e9), findings, failures.get());
            System.out.printf(
                    "| initial sync + full evaluation, %d threads | %,.0f objects/s (%.0f%% of raw) | >= 20k objects/s and >= 60%% of raw | %s |%n",
                    threads, total, 100 * total / raw, total >= 20_000 && total >= 0.6 * raw ? "PASS" : "FAIL");
        } finally {
            pool.shutdownNow();
        }
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
