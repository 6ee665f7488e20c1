package io.vigil.bench;

import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.FindingEvent;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.pipeline.FindingLedger;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DESIGN §11 "steady state": after an initial sync of P pods (evaluated and reconciled into a FindingLedger),
 * E watch updates of those pods run one by one on one thread: the MODIFIED watch event's bytes decoded as the
 * informers decode them + ProjectedStore.put (informer work), then Evaluator over all built-in checks and FindingLedger.reconcile (the verticle's work).
 * Usage: SteadyStateBench [pods] [events] [namespaces].
 */
public final class SteadyStateBench {
    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        int namespaces = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        AuditSettings settings = AuditSettings.defaults();
        Evaluator evaluator = new Evaluator(BuiltInChecks.catalog().all(), settings);
        StoreView view = new StoreView(settings);
        FindingLedger ledger = new FindingLedger();
        for (byte[] b : BenchData.namespaces(namespaces)) {
            view.ingest(Kinds.NAMESPACE, b);
        }
        for (byte[] b : BenchData.networkPolicies(namespaces)) {
            view.ingest(Kinds.NETWORK_POLICY, b);
        }
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        for (byte[] b : BenchData.pods(pods, namespaces, 1)) {
            KubeObject o = view.ingest(Kinds.POD, b);
            ledger.reconcile(o.key(), evaluator.evaluate(o, view).findings(), Set.of(), now);
        }
        byte[][] updates = new byte[events][];
        for (int e = 0; e < events; e++) {
            updates[e] =
                    WatchEvents.modified(BenchData.podUpdate((int) ((e * 7919L) % pods), namespaces, 1 + e / pods));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int warm = Math.min(10_000, events / 5);
        long ingestNs = 0;
        long evalNs = 0;
        long ledgerEvents = 0;
        long cpu0 = 0;
        long process0 = 0;
        long wall0 = 0;
        for (int e = 0; e < events; e++) {
            if (e == warm) {
                ingestNs = 0;
                evalNs = 0;
                ledgerEvents = 0;
                cpu0 = threads.getCurrentThreadCpuTime();
                process0 = BenchData.processCpu();
                wall0 = System.nanoTime();
            }
            long t0 = System.nanoTime();
            KubeObject o = view.watched(Kinds.POD, updates[e]);
            long t1 = System.nanoTime();
            Evaluator.Result r = evaluator.evaluate(o, view);
            Set<String> failed = new HashSet<>();
            for (Evaluator.CheckFailure f : r.failures()) {
                failed.add(f.checkId());
            }
            List<FindingEvent> out = ledger.reconcile(o.key(), r.findings(), failed, now.plusMillis(e));
            long t2 = System.nanoTime();
            ingestNs += t1 - t0;
            evalNs += t2 - t1;
            ledgerEvents += out.size();
        }
        long wall = System.nanoTime() - wall0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        double cores = (BenchData.processCpu() - process0) / (double) wall;
        int measured = events - warm;
        System.out.printf(
                "| *SteadyStateBench: %d cached pods, %d namespaces, %d updates (%d warm-up); %s* | | | |%n",
                pods, namespaces, events, warm, BenchData.jvm());
        double evalRate = measured / (evalNs / 1e9);
        double fullRate = measured / (wall / 1e9);
        System.out.printf(
                "| steady state: evaluate + FindingLedger.reconcile, 1 thread | %,.0f events/s (%d finding "
                        + "events out of %d updates) | >= 5k events/s on <= 1 core | %s |%n",
                evalRate, ledgerEvents, measured, evalRate >= 5000 ? "PASS" : "FAIL");
        System.out.printf(
                "| steady state: + watch event decode + ProjectedStore.put (whole path on 1 thread) | %,.0f events/s "
                        + "(thread CPU %.0f%% of wall; parse+put %.0f us, evaluate+reconcile %.0f us per event) | >= 5k "
                        + "events/s on <= 1 core | %s |%n",
                fullRate,
                100.0 * cpu / wall,
                ingestNs / 1e3 / measured,
                evalNs / 1e3 / measured,
                fullRate >= 5000 ? "PASS" : "FAIL");
        System.out.printf(
                "| steady state, whole path: CPU of all threads (GC included) | %.2f cores at %,.0f events/s "
                        + "(%.0f us of CPU per event) | <= 1 core at 5k events/s | %s |%n",
                cores,
                fullRate,
                cores * 1e6 / fullRate,
                fullRate >= 5000 && cores * 5000 / fullRate <= 1.0 ? "PASS" : "FAIL");
    }
}
