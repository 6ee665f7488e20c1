package io.vigil.bench;

import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.source.ProjectedStore;
import java.util.List;

/**
 * DESIGN §11 "initial sync + full evaluation" and "live heap": N pod JSON documents already in memory are
 * deserialised by fabric8 and put into ProjectedStore (the informers' item store), then every cached
 * object is evaluated by all built-in checks. Prints Markdown rows. Usage: SyncBench [pods] [namespaces].
 */
public final class SyncBench {
    /** Breakdown: the slowest checks over the first {@code sample} pods (one Evaluator per check). */
    private static void perCheck(Evaluator all, StoreView view, int sample) {
        List<KubeObject> pods = view.stores.get(Kinds.POD).objects().subList(0, sample);
        List<String> rows = new java.util.ArrayList<>();
        long[] nanos = new long[all.checks().size()];
        for (int c = 0; c < nanos.length; c++) {
            Evaluator one = new Evaluator(List.of(all.checks().get(c)), all.settings());
            long t = System.nanoTime();
            for (KubeObject o : pods) {
                one.evaluate(o, view);
            }
            nanos[c] = System.nanoTime() - t;
        }
        Integer[] order = new Integer[nanos.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
        for (int k = 0; k < 6; k++) {
            int c = order[k];
            rows.add(String.format(
                    "%s %.1f us/pod", all.checks().get(c).descriptor().id(), nanos[c] / 1e3 / sample));
        }
        System.out.printf(
                "| evaluate breakdown: slowest checks over %d pods | %s | - | - |%n", sample, String.join("; ", rows));
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        List<byte[]> pods = BenchData.pods(n, namespaces, 1);
        List<byte[]> nss = BenchData.namespaces(namespaces);
        List<byte[]> nps = BenchData.networkPolicies(namespaces);
        long podBytes = pods.stream().mapToLong(b -> b.length).sum();
        AuditSettings settings = AuditSettings.defaults();
        Evaluator evaluator = new Evaluator(BuiltInChecks.catalog().all(), settings);

        // Warm-up on a throwaway view (JIT), so the figure is the steady parse rate, then discarded.
        StoreView warm = new StoreView(settings);
        List<byte[]> warmPods = BenchData.pods(10_000, namespaces, 99);
        for (byte[] b : nss) {
            warm.ingest(Kinds.NAMESPACE, b);
        }
        for (byte[] b : warmPods) {
            evaluator.evaluate(warm.ingest(Kinds.POD, b), warm);
        }
        warm = null;
        warmPods = null;

        // Breakdown only: fabric8 deserialisation alone (objects dropped), to split parse from projection.
        long tp = System.nanoTime();
        long sink = 0;
        StoreView.Parser parser = new StoreView.Parser();
        for (byte[] b : pods) {
            sink += parser.parse(b).getMetadata().getName().length();
        }
        long parseOnlyNs = System.nanoTime() - tp;

        StoreView view = new StoreView(settings);
        long before = BenchData.usedHeapAfterGc();
        long t0 = System.nanoTime();
        for (byte[] b : nss) {
            view.ingest(Kinds.NAMESPACE, b);
        }
        for (byte[] b : nps) {
            view.ingest(Kinds.NETWORK_POLICY, b);
        }
        for (byte[] b : pods) {
            view.ingest(Kinds.POD, b);
        }
        long parseNs = System.nanoTime() - t0;
        int objects = nss.size() + nps.size() + pods.size();
        long after = BenchData.usedHeapAfterGc();
        long retained = after - before;
        if (Boolean.getBoolean("bench.pause")) {
            // Opt-in (-Dbench.pause=true): holds the filled store until the person taking a heap histogram is done.
            System.err.println("PAUSED for a heap histogram (jcmd <pid> GC.class_histogram); press Enter to go on");
            System.in.read();
        }

        long t1 = System.nanoTime();
        long findings = 0;
        long failures = 0;
        int evaluated = 0;
        for (ProjectedStore s : view.stores.values()) {
            for (KubeObject o : s.objects()) {
                Evaluator.Result r = evaluator.evaluate(o, view);
                findings += r.findings().size();
                failures += r.failures().size();
                evaluated++;
            }
        }
        long evalNs = System.nanoTime() - t1;

        double parseRate = objects / (parseNs / 1e9);
        double evalRate = evaluated / (evalNs / 1e9);
        double total = objects / ((parseNs + evalNs) / 1e9);
        double perPod = (double) retained / objects;
        double per100k = perPod * 100_000 / 1048576.0;
        System.out.printf(
                "| *SyncBench: %d pods (avg %.1f KB JSON), %d namespaces, %d network policies; %s* | | | |%n",
                n, podBytes / 1024.0 / n, nss.size(), nps.size(), BenchData.jvm());
        System.out.printf(
                "| initial sync: compact decode + store (informers' serialization -> ProjectedStore), 1 thread | %,.0f objects/s "
                        + "(%d objects in %.2f s) | - | - |%n",
                parseRate, objects, parseNs / 1e9);
        System.out.printf(
                "| initial sync: compact decode alone (breakdown), 1 thread | %,.0f pods/s | - | - |%n",
                pods.size() / (parseOnlyNs / 1e9) + sink * 0);
        System.out.printf(
                "| initial sync: evaluate all %d built-in checks, 1 thread | %,.0f objects/s (%d findings, "
                        + "%d check failures, %.2f s) | - | - |%n",
                evaluator.checks().size(), evalRate, findings, failures, evalNs / 1e9);
        System.out.printf(
                "| initial sync + full evaluation, 1 thread | %,.0f objects/s | >= 20k objects/s | %s |%n",
                total, total >= 20_000 ? "PASS" : "FAIL");
        System.out.printf(
                "| live heap, ProjectedStore | %s retained for %d objects = %,.0f B/object = %.1f MiB per "
                        + "100k pods | <= 250 MiB per 100k pods | %s |%n",
                BenchData.mib(retained), objects, perPod, per100k, per100k <= 250 ? "PASS" : "FAIL");
        perCheck(evaluator, view, 10_000);
        System.out.printf(
                "| process RSS after sync + evaluation | %s (heap flags %s) | - | - |%n",
                BenchData.rss(), BenchData.jvm());
    }
}
