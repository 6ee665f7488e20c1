package io.vigil.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Comparison for the live-heap figure: the heap whole fabric8 GenericKubernetesResource pods retain (what a
 * default informer store would keep), with the same synthetic pods as SyncBench. Usage: FullObjectHeapBench [pods].
 */
public final class FullObjectHeapBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<byte[]> pods = BenchData.pods(n, 500, 1);
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<GenericKubernetesResource> kept = new ArrayList<>(n);
        long before = BenchData.usedHeapAfterGc();
        for (byte[] b : pods) {
            kept.add(serialization.unmarshal(new ByteArrayInputStream(b), GenericKubernetesResource.class));
        }
        long after = BenchData.usedHeapAfterGc();
        double perPod = (double) (after - before) / n;
        System.out.printf("| *FullObjectHeapBench: %d pods; %s* | | | |%n", n, BenchData.jvm());
        System.out.printf(
                "| live heap, whole GenericKubernetesResource (comparison) | %s for %d pods = %,.0f B/pod = "
                        + "%.1f MiB per 100k pods | <= 250 MiB per 100k pods | %s (not used by Vigil) |%n",
                BenchData.mib(after - before),
                kept.size(),
                perPod,
                perPod * 100_000 / 1048576.0,
                perPod * 100_000 / 1048576.0 <= 250 ? "PASS" : "FAIL");
    }
}
