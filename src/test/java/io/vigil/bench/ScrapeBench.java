package io.vigil.bench;

import io.vigil.check.CheckDescriptor;
import io.vigil.checks.BuiltInChecks;
import io.vigil.metrics.FindingGauges;
import io.vigil.metrics.VigilMetrics;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingId;
import io.vigil.model.FindingStatus;
import io.vigil.model.ResourceRef;
import io.vigil.model.TrackedFinding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * DESIGN §11 "/metrics with 50k open findings": FindingGauges is fed N OPENED events spread over every
 * built-in check (its own severity) and M namespaces, then VigilMetrics.scrape("text/plain") is timed.
 * Usage: ScrapeBench [findings] [namespaces] [scrapes]. Runs with per-namespace gauges off and on.
 */
public final class ScrapeBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int scrapes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        List<FindingEvent> events = events(n, namespaces);
        System.out.printf(
                "| *ScrapeBench: %d OPENED events, %d namespaces, %d scrapes; %s* | | | |%n",
                n, namespaces, scrapes, BenchData.jvm());
        for (boolean perNamespace : new boolean[] {false, true}) {
            VigilMetrics metrics = new VigilMetrics("bench");
            FindingGauges gauges = new FindingGauges(metrics, perNamespace);
            long t = System.nanoTime();
            gauges.count(events);
            long publishNs = System.nanoTime() - t;
            for (int k = 0; k < 20; k++) {
                metrics.scrape("text/plain"); // warm-up
            }
            long[] samples = new long[scrapes];
            int bytes = 0;
            for (int k = 0; k < scrapes; k++) {
                long s = System.nanoTime();
                String body = metrics.scrape("text/plain");
                samples[k] = System.nanoTime() - s;
                bytes = body.getBytes(StandardCharsets.UTF_8).length;
            }
            Arrays.sort(samples);
            double p50 = samples[scrapes / 2] / 1e6;
            double p99 = samples[(int) Math.ceil(scrapes * 0.99) - 1] / 1e6;
            boolean pass = p99 <= 50 && bytes <= 1_000_000;
            System.out.printf(
                    "| /metrics scrape, %d open findings, per-namespace gauges %s | p50 %.2f ms, p99 %.2f ms, "
                            + "max %.2f ms, %,d bytes (publish of %d events: %.0f ms) | p99 <= 50 ms, <= 1 MB | %s |%n",
                    n,
                    perNamespace ? "on" : "off",
                    p50,
                    p99,
                    samples[scrapes - 1] / 1e6,
                    bytes,
                    n,
                    publishNs / 1e6,
                    pass ? "PASS" : "FAIL");
        }
    }

    static List<FindingEvent> events(int n, int namespaces) {
        List<CheckDescriptor> checks =
                BuiltInChecks.catalog().all().stream().map(c -> c.descriptor()).toList();
        Random rnd = new Random(7);
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        List<FindingEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CheckDescriptor d = checks.get(rnd.nextInt(checks.size()));
            String ns = "team-" + rnd.nextInt(namespaces);
            ResourceRef ref = new ResourceRef("apps/v1", "Deployment", ns, "app-" + i, BenchData.uuid(i, 5));
            String path = "spec.template.spec.containers[" + (i % 3) + "]";
            Finding f = new Finding(
                    FindingId.of("bench", d.id(), ref, path),
                    "bench",
                    d.id(),
                    d.family().label(),
                    d.severity(),
                    d.title(),
                    "synthetic finding " + i,
                    ref,
                    path,
                    "observed",
                    "expected",
                    d.controls(),
                    d.remediation(),
                    null);
            out.add(new FindingEvent.Opened(new TrackedFinding(f, FindingStatus.seenAt(now)), 1, now, now, "detected"));
        }
        return out;
    }
}
