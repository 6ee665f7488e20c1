package io.vigil.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vigil.baseline.Fingerprints;
import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.Evaluator;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScannedObject;
import io.vigil.source.compact.CompactDecoder;
import io.vigil.source.compact.CompactSerialization;
import io.vigil.source.compact.NodePool;
import io.vigil.source.compact.PruneRules;
import io.vigil.source.compact.StringPool;
import io.vigil.testing.Fixture;
import io.vigil.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compact cache changes nothing a check, a baseline fingerprint or a finding sees: every check
 * fixture and every file of the peer corpus is evaluated by all built-in checks twice, once over the
 * objects as read from the manifest (whole) and once over the same objects serialised as the API server
 * sends them and decoded by the informers' path ({@link CompactSerialization} -> {@link ProjectedStore}).
 * Findings (id, check, path, observed, expected, message, severity) and fingerprints must be identical.
 * A difference names the check and the {@link PruneRules} rule that dropped the field it reads.
 */
class CompactEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Check> CHECKS = BuiltInChecks.catalog().all();
    private static final Map<String, WatchedKind> WATCHED =
            WatchedKinds.ALL.stream().collect(Collectors.toMap(WatchedKind::kindKey, Function.identity()));

    @Test
    void everyCheckFixtureGivesTheSameFindingsAndFingerprints() {
        List<String> problems = new ArrayList<>();
        int objects = 0;
        for (Fixture f : Fixture.all()) {
            objects += compare(f.toString(), f.file(), f.settings(), problems);
        }
        assertThat(objects).as("fixture objects compared").isGreaterThan(100);
        assertThat(problems).isEmpty();
    }

    @Test
    void thePeerCorpusGivesTheSameFindingsAndFingerprints() throws IOException {
        Path corpus = SharedData.require("corpus");
        Set<Path> files = new TreeSet<>();
        List<String> index = Files.readAllLines(corpus.resolve("INDEX.tsv"));
        for (String line : index.subList(1, index.size())) {
            String[] cols = line.split("\t", -1);
            Path file = corpus.resolve(cols[0]).resolve(cols[1]);
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        List<String> problems = new ArrayList<>();
        int objects = 0;
        for (Path file : files) {
            objects += compare(corpus.relativize(file).toString(), file, AuditSettings.defaults(), problems);
        }
        assertThat(files).as("corpus files").hasSizeGreaterThan(500);
        assertThat(objects).as("corpus objects compared").isGreaterThan(500);
        assertThat(problems).isEmpty();
    }

    /** Compares one file; returns how many cached objects it compared. */
    private static int compare(String name, Path file, AuditSettings settings, List<String> problems) {
        List<KubeObject> whole = read(file);
        CompactSerialization standard = serialization(PruneRules.standard());
        List<KubeObject> compact = compact(whole, standard);
        Set<String> expected = findings(whole, settings, CHECKS);
        Set<String> actual = findings(compact, settings, CHECKS);
        if (!expected.equals(actual)) {
            problems.add(name + ": " + explain(whole, settings, expected, actual));
        }
        if (!Fingerprints.of(whole, settings).equals(Fingerprints.of(compact, settings))) {
            problems.add(name + ": baseline fingerprints differ");
        }
        return (int)
                whole.stream().filter(o -> WATCHED.containsKey(o.kindKey())).count();
    }

    /** Which check differs, and which rule dropped what it reads (re-run without each rule). */
    private static String explain(
            List<KubeObject> whole, AuditSettings settings, Set<String> expected, Set<String> actual) {
        Set<String> differing = new LinkedHashSet<>();
        symmetricDifference(expected, actual).forEach(f -> differing.add(f.substring(0, f.indexOf('|'))));
        List<String> out = new ArrayList<>();
        for (String checkId : differing) {
            List<Check> one = CHECKS.stream()
                    .filter(c -> c.descriptor().id().equals(checkId))
                    .toList();
            Set<String> full = findings(whole, settings, one);
            Optional<String> rule = PruneRules.all().stream()
                    .filter(r -> findings(compact(whole, serialization(PruneRules.without(r))), settings, one)
                            .equals(full))
                    .findFirst();
            out.add("check " + checkId + " reads a field the compact cache drops: "
                    + rule.map(r -> "rule '" + r + "'").orElse("no single rule explains it")
                    + "; findings on one side only: " + symmetricDifference(expected, actual));
        }
        return String.join("; ", out);
    }

    private static Set<String> symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        out.removeAll(both);
        return out;
    }

    private static List<KubeObject> read(Path file) {
        try {
            return new ManifestReader("default")
                    .readBytes(file.toString(), Files.readAllBytes(file)).result().objects().stream()
                            .map(ScannedObject::object)
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompactSerialization serialization(PruneRules rules) {
        return CompactSerialization.create(new CompactDecoder(rules, new StringPool(10_000), new NodePool(10_000)));
    }

    /**
     * Each object as the informers cache it: JSON bytes as the API server sends them (it always sets
     * metadata.namespace), decoded by fabric8 with the compact serialization into a ProjectedStore. Kinds
     * Vigil does not watch are never cached and stay whole on both sides.
     */
    static List<KubeObject> compact(List<KubeObject> whole, CompactSerialization serialization) {
        List<KubeObject> out = new ArrayList<>();
        for (KubeObject o : whole) {
            WatchedKind kind = WATCHED.get(o.kindKey());
            if (kind == null || o.name() == null || !(o.body() instanceof ObjectNode)) {
                out.add(o);
                continue;
            }
            ObjectNode body = ((ObjectNode) o.body()).deepCopy();
            if (o.namespace() != null && kind.namespaced()) {
                body.withObject("metadata").put("namespace", o.namespace());
            }
            try {
                GenericKubernetesResource item =
                        serialization.unmarshal(JSON.writeValueAsString(body), GenericKubernetesResource.class);
                ProjectedStore store = new ProjectedStore(kind, serialization);
                store.put(store.getKey(item), item);
                out.add(store.object(
                        item.getMetadata().getNamespace(), item.getMetadata().getName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static Set<String> findings(List<KubeObject> objects, AuditSettings settings, List<Check> checks) {
        ManifestClusterView view = new ManifestClusterView(objects, settings);
        Evaluator evaluator = new Evaluator(checks, settings);
        Set<String> out = new TreeSet<>();
        for (KubeObject o : objects) {
            Evaluator.Result r = evaluator.evaluate(o, view);
            for (Finding f : r.findings()) {
                out.add(String.join(
                        "|",
                        f.checkId(),
                        f.id(),
                        f.path(),
                        String.valueOf(f.observed()),
                        String.valueOf(f.expected()),
                        String.valueOf(f.message()),
                        f.severity().name()));
            }
            r.failures().forEach(x -> out.add(x.checkId() + "|threw " + x.error()));
        }
        return out;
    }
}
