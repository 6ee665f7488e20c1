package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.AuditSettings;
import io.vigil.check.ClusterView;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' quick size as a correctness smoke test (never a time): the synthetic cluster of
 * {@code docs/benchmarks.sh --quick} goes through the informers' compact path ({@link StoreView}, as the
 * benchmark programs do) and, separately, through whole objects; every built-in check gives the same
 * number of findings per check on both, and no check fails.
 */
class BenchSmokeTest {
    static final int QUICK_PODS = 20_000;
    static final int NAMESPACES = 500;

    @Test
    void theQuickBenchmarkClusterGivesTheSameFindingsThroughTheCompactCacheAsThroughWholeObjects() throws Exception {
        AuditSettings settings = AuditSettings.defaults();
        Evaluator evaluator = new Evaluator(BuiltInChecks.catalog().all(), settings);
        Map<String, List<byte[]>> input = Map.of(
                Kinds.NAMESPACE, BenchData.namespaces(NAMESPACES),
                Kinds.NETWORK_POLICY, BenchData.networkPolicies(NAMESPACES),
                Kinds.POD, BenchData.pods(QUICK_PODS, NAMESPACES, 1));

        StoreView compact = new StoreView(settings);
        WholeView whole = new WholeView(compact);
        input.forEach((kind, docs) -> docs.forEach(b -> {
            compact.ingest(kind, b);
            whole.add(b);
        }));
        List<KubeObject> cached = new ArrayList<>();
        compact.stores.values().forEach(s -> cached.addAll(s.objects()));

        Map<String, Integer> viaCompact = countPerCheck(evaluator, cached, compact);
        Map<String, Integer> viaWhole = countPerCheck(evaluator, whole.all, whole);

        assertThat(cached).hasSize(QUICK_PODS + NAMESPACES + NAMESPACES / 2);
        assertThat(viaCompact.get("failures")).isZero();
        assertThat(viaCompact.values().stream().mapToInt(Integer::intValue).sum())
                .isGreaterThan(QUICK_PODS);
        assertThat(viaCompact).isEqualTo(viaWhole);
    }

    private static Map<String, Integer> countPerCheck(Evaluator evaluator, List<KubeObject> objects, ClusterView view) {
        Map<String, Integer> out = new TreeMap<>();
        out.put("failures", 0);
        for (KubeObject o : objects) {
            Evaluator.Result r = evaluator.evaluate(o, view);
            r.findings().forEach(f -> out.merge(f.checkId(), 1, Integer::sum));
            out.merge("failures", r.failures().size(), Integer::sum);
        }
        return out;
    }

    /** Whole objects (plain Jackson trees), indexed by kind and namespace like the cache. */
    private static final class WholeView implements ClusterView {
        final List<KubeObject> all = new ArrayList<>();
        private final Map<String, Map<String, List<KubeObject>>> byKind = new HashMap<>();
        /** Serves what the cache serves (checks of optional kinds ask). */
        private final ClusterView cache;

        WholeView(ClusterView cache) {
            this.cache = cache;
        }

        void add(byte[] json) {
            try {
                JsonNode body = BenchData.JSON.readTree(json);
                JsonNode meta = body.path("metadata");
                ResourceRef ref = new ResourceRef(
                        body.path("apiVersion").asText(),
                        body.path("kind").asText(),
                        meta.hasNonNull("namespace") ? meta.get("namespace").asText() : null,
                        meta.path("name").asText(),
                        meta.hasNonNull("uid") ? meta.get("uid").asText() : null);
                KubeObject o = new KubeObject(ref, body, null);
                all.add(o);
                byKind.computeIfAbsent(o.kindKey(), k -> new HashMap<>())
                        .computeIfAbsent(String.valueOf(o.namespace()), n -> new ArrayList<>())
                        .add(o);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public Optional<KubeObject> get(String kindKey, String namespace, String name) {
            return list(kindKey, namespace).stream()
                    .filter(o -> Objects.equals(o.name(), name))
                    .findFirst();
        }

        @Override
        public List<KubeObject> list(String kindKey) {
            List<KubeObject> out = new ArrayList<>();
            byKind.getOrDefault(kindKey, Map.of()).values().forEach(out::addAll);
            return out;
        }

        @Override
        public List<KubeObject> list(String kindKey, String namespace) {
            return byKind.getOrDefault(kindKey, Map.of()).getOrDefault(String.valueOf(namespace), List.of());
        }

        @Override
        public boolean serves(String kindKey) {
            return cache.serves(kindKey);
        }

        @Override
        public AuditSettings settings() {
            return cache.settings();
        }
    }
}
