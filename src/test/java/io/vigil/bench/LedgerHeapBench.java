package io.vigil.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.pipeline.FindingLedger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DESIGN §11 "live heap of the whole service (cache + ledger)", split: the pods of the churn trial
 * ({@link PodChurn}: privileged, ~14 open findings each) cached, then evaluated into a {@link FindingLedger},
 * with the retained heap measured after each step. The real-API-server figure is ChurnRssBench's; this one
 * separates the ledger's share in seconds. Usage: LedgerHeapBench [pods].
 */
public final class LedgerHeapBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        AuditSettings settings = AuditSettings.defaults();
        Evaluator evaluator = new Evaluator(BuiltInChecks.catalog().all(), settings);
        List<byte[]> pods = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Pod pod = PodChurn.pod("churn-0-%d-%d".formatted(i / 200, i % 200), i);
            pod.getMetadata().setUid(BenchData.uuid(i, 7));
            pod.getMetadata().setResourceVersion(Integer.toString(1000 + i));
            pod.getMetadata().setCreationTimestamp("2026-12-03T10:00:00Z");
            pods.add(Serialization.asJson(pod).getBytes(StandardCharsets.UTF_8));
        }
        byte[] ns = Serialization.asJson(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(PodChurn.NAMESPACE)
                        .endMetadata()
                        .build())
                .getBytes(StandardCharsets.UTF_8);

        StoreView view = new StoreView(settings);
        view.ingest(Kinds.NAMESPACE, ns);
        FindingLedger ledger = new FindingLedger();
        long empty = BenchData.usedHeapAfterGc();
        List<KubeObject> cached = new ArrayList<>(n);
        for (byte[] b : pods) {
            cached.add(view.ingest(Kinds.POD, b));
        }
        long withCache = BenchData.usedHeapAfterGc();
        Instant now = Instant.now();
        for (KubeObject o : cached) {
            ledger.reconcile(o.key(), evaluator.evaluate(o, view).findings(), Set.of(), now);
        }
        if (Boolean.getBoolean("bench.sample")) {
            ledger.open().stream().limit(14).forEach(t -> System.err.println(t.finding()));
        }
        cached.clear();
        long withLedger = BenchData.usedHeapAfterGc();
        if (Boolean.getBoolean("bench.pause")) {
            // Opt-in: holds the filled ledger until the person taking a heap histogram is done.
            System.err.println("PAUSED for a heap histogram (jcmd <pid> GC.class_histogram); press Enter to go on");
            System.in.read();
        }

        int findings = ledger.size();
        double cachePerPod = (withCache - empty) / (double) n;
        double ledgerPerFinding = (withLedger - withCache) / (double) findings;
        double perPod = (withLedger - empty) / (double) n;
        System.out.printf(
                "| *LedgerHeapBench: %d churn-trial pods, %d open findings (%.1f per pod); %s* | | | |%n",
                n, findings, findings / (double) n, BenchData.jvm());
        System.out.printf("| live heap: cache | %,.0f B per pod | - | - |%n", cachePerPod);
        System.out.printf("| live heap: ledger | %,.0f B per open finding | - | - |%n", ledgerPerFinding);
        System.out.printf(
                "| live heap: cache + ledger | %,.0f B per pod | <= 5 KB per pod | %s |%n",
                perPod, perPod <= 5_000 ? "PASS" : "FAIL");
    }
}
