package io.vigil.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.check.ClusterView;
import io.vigil.check.Evaluator;
import io.vigil.check.Family;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.FindingEvent;
import io.vigil.model.FindingId;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.model.Severity;
import io.vigil.pipeline.FindingLedger;
import io.vigil.scan.ManifestClusterView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fixtures of baseline-drift (the generic fixture harness runs only BuiltInChecks): each folder under
 * {@code src/test/resources/baseline-drift/} holds {@code before.yaml} (captured as the baseline) and
 * {@code after.yaml} (evaluated against it), whose header states the exact drift as
 * {@code # expect: <Kind> <namespace/>name: created|deleted|changed <field>, ...} lines or {@code # expect: none}.
 */
class BaselineDriftCheckTest {
    private static final Path ROOT = Path.of("src/test/resources/baseline-drift");

    record Case(
            String name,
            List<KubeObject> before,
            List<KubeObject> after,
            List<String> expected,
            AuditSettings settings) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory)
                    .sorted()
                    .map(BaselineDriftCheckTest::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case read(Path dir) {
        try {
            String after = Files.readString(dir.resolve("after.yaml"));
            List<String> expected = new ArrayList<>();
            AuditSettings settings = AuditSettings.defaults();
            boolean sawExpect = false;
            for (String line : after.split("\n")) {
                if (line.startsWith("# expect:")) {
                    sawExpect = true;
                    String e = line.substring("# expect:".length()).trim();
                    if (!e.equals("none")) {
                        expected.add(e);
                    }
                } else if (line.equals("# settings: includeSystem=true")) {
                    settings = settings.withIncludeSystem(true);
                }
            }
            if (!sawExpect) {
                throw new IllegalStateException(dir + "/after.yaml has no '# expect:' header");
            }
            return new Case(
                    dir.getFileName().toString(),
                    Manifests.objects(Files.readString(dir.resolve("before.yaml"))),
                    Manifests.objects(after),
                    expected.stream().sorted().toList(),
                    settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a case as scan does: the drift check through the Evaluator, then the deletions. */
    static List<String> run(Case c) {
        Baseline baseline = BaselineCapture.capture(
                c.before(),
                List.of(),
                c.settings(),
                BaselineCapture.metadata(c.settings(), Samples.AT, "test", c.name()));
        BaselineDriftCheck check = new BaselineDriftCheck(baseline);
        ManifestClusterView view = new ManifestClusterView(c.after(), c.settings());
        Evaluator evaluator = new Evaluator(List.of(check), c.settings());
        List<String> out = new ArrayList<>();
        for (KubeObject o : c.after()) {
            for (Finding f : evaluator.evaluate(o, view).findings()) {
                Drift d = check.drift(o, c.settings().masking()).orElseThrow();
                assertThat(f.path()).isEqualTo("metadata");
                assertThat(f.observed()).isEqualTo(d.violation().observed());
                assertThat(f.id()).isEqualTo(FindingId.of("default", "baseline-drift", o.ref(), "metadata"));
                out.add(o.ref().display() + ": "
                        + (d.type() == Drift.Type.CHANGED
                                ? "changed " + String.join(", ", d.fields())
                                : d.type().name().toLowerCase()));
            }
        }
        for (Finding f : check.deletions(view, kind -> true)) {
            assertThat(f.observed()).isEqualTo("deleted");
            out.add(f.resource().display() + ": deleted");
        }
        return out.stream().sorted().toList();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseYieldsExactlyItsExpectedDrift() {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.name(), () -> assertThat(run(c)).as(c.name()).isEqualTo(c.expected())));
    }

    @Test
    void theCasesCoverEveryKindOfDriftAndItsAbsence() {
        List<String> all = cases().stream()
                .flatMap(c -> c.expected().isEmpty() ? Stream.of("none") : c.expected().stream())
                .toList();
        assertThat(all)
                .anyMatch(e -> e.endsWith(": created"))
                .anyMatch(e -> e.endsWith(": deleted"))
                .anyMatch(e -> e.contains(": changed "))
                .contains("none");
    }

    @Test
    void itIsABuiltInCheckOnlyWhileABaselineIsLoaded() {
        var d = BaselineDriftCheck.DESCRIPTOR;
        assertThat(d.id()).isEqualTo("baseline-drift");
        assertThat(d.family()).isEqualTo(Family.BASELINE);
        assertThat(d.severity()).isEqualTo(Severity.HIGH);
        assertThat(d.subjectKinds()).containsExactlyInAnyOrderElementsOf(Fingerprints.KINDS);
        assertThat(BuiltInChecks.catalog().find("baseline-drift")).isEmpty();
    }

    // ---- evidence

    private static final String CRB = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops-admins}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
            subjects:
            %s""";

    private static String crb(String... subjects) {
        StringBuilder s = new StringBuilder();
        for (String subject : subjects) {
            s.append("  - {kind: User, name: ").append(subject).append("}\n");
        }
        return CRB.formatted(s);
    }

    private static Baseline baselineOf(String yaml) {
        return BaselineCapture.capture(
                Manifests.objects(yaml),
                List.of(),
                AuditSettings.defaults(),
                BaselineCapture.metadata(AuditSettings.defaults(), Samples.AT, "test", "test"));
    }

    private static List<Finding> evaluate(BaselineDriftCheck check, String yaml) {
        List<KubeObject> objects = Manifests.objects(yaml);
        ManifestClusterView view = new ManifestClusterView(objects, AuditSettings.defaults());
        Evaluator evaluator = new Evaluator(List.of(check), AuditSettings.defaults());
        List<Finding> out = new ArrayList<>();
        objects.forEach(o -> out.addAll(evaluator.evaluate(o, view).findings()));
        out.addAll(check.deletions(view, k -> true));
        return out;
    }

    @Test
    void aChangedObjectNamesTheFieldsWithAReadableDiff() {
        BaselineDriftCheck check = new BaselineDriftCheck(baselineOf(crb("alice")));
        Finding f = evaluate(check, crb("alice", "mallory")).get(0);
        assertThat(f.checkId()).isEqualTo("baseline-drift");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.path()).isEqualTo("metadata");
        assertThat(f.observed())
                .isEqualTo(
                        "subjects=[{\"kind\":\"User\",\"name\":\"alice\"},{\"kind\":\"User\",\"name\":\"mallory\"}]");
        assertThat(f.expected()).isEqualTo("subjects=[{\"kind\":\"User\",\"name\":\"alice\"}]");
        assertThat(f.message())
                .isEqualTo("ClusterRoleBinding ops-admins differs from the baseline:"
                        + " subjects: +{\"kind\":\"User\",\"name\":\"mallory\"}");
        assertThat(f.controls()).containsExactly("SOC2:CC8.1", "SOC2:CC7.1");
        assertThat(f.family()).isEqualTo("baseline-drift");
    }

    @Test
    void createdAndDeletedObjectsShowTheirFields() {
        BaselineDriftCheck check = new BaselineDriftCheck(baselineOf(crb("alice")));
        String role = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: r, namespace: shop}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                """;
        List<Finding> findings = evaluate(check, role);
        assertThat(findings).hasSize(2);
        Finding created = findings.get(0);
        assertThat(created.resource().display()).isEqualTo("Role shop/r");
        assertThat(created.observed())
                .isEqualTo("created: rules=[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\"]}]");
        assertThat(created.expected()).isEqualTo("absent (not in the baseline)");
        assertThat(created.message()).isEqualTo("Role shop/r was created after the baseline was captured (rules)");
        Finding deleted = findings.get(1);
        assertThat(deleted.resource().display()).isEqualTo("ClusterRoleBinding ops-admins");
        assertThat(deleted.resource().apiVersion()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(deleted.observed()).isEqualTo("deleted");
        assertThat(deleted.expected())
                .isEqualTo("present: roleRef={\"kind\":\"ClusterRole\",\"name\":\"ops\"};"
                        + " subjects=[{\"kind\":\"User\",\"name\":\"alice\"}]");
        assertThat(deleted.message())
                .isEqualTo("ClusterRoleBinding ops-admins was deleted since the baseline was captured");
        assertThat(deleted.id())
                .isEqualTo(evaluate(check, crb("bob")).get(0).id())
                .as("one finding per object, whether changed or deleted");
    }

    @Test
    void aSeverityOverrideApplies() {
        AuditSettings settings = new AuditSettings(
                "default",
                AuditSettings.DEFAULT_SYSTEM_NAMESPACES,
                false,
                List.of(),
                Map.of("baseline-drift", Severity.CRITICAL));
        BaselineDriftCheck check = new BaselineDriftCheck(baselineOf(crb("alice")));
        Finding deleted = check.deletion(
                        new ResourceKey("ClusterRoleBinding", null, "ops-admins"),
                        new ManifestClusterView(List.of(), settings))
                .orElseThrow();
        assertThat(deleted.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void deletionOfOneKeyIsWhatThePipelineAsksWhenAnObjectIsGone() {
        Baseline baseline = baselineOf(crb("alice") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: dns, namespace: kube-system}
                spec: {podSelector: {}}
                """);
        BaselineDriftCheck check = new BaselineDriftCheck(baseline);
        ResourceKey crb = new ResourceKey("ClusterRoleBinding", null, "ops-admins");
        ClusterView empty = new ManifestClusterView(List.of(), AuditSettings.defaults());
        ClusterView present = new ManifestClusterView(Manifests.objects(crb("bob")), AuditSettings.defaults());
        assertThat(check.keys()).containsExactly(crb).as("kube-system is out of scope by default");
        assertThat(check.deletion(crb, empty)).isPresent();
        assertThat(check.deletion(crb, present)).as("still there").isEmpty();
        assertThat(check.deletion(new ResourceKey("ClusterRoleBinding", null, "other"), empty))
                .isEmpty();
        assertThat(check.deletions(empty))
                .as("a view that does not serve the kind sees no deletion")
                .isEmpty();
        assertThat(check.deletions(empty, k -> true)).hasSize(1);
    }

    @Test
    void theLifecycleIsOpenedChangedWhenTheFieldsChangeAndResolvedWhenReverted() {
        BaselineDriftCheck check = new BaselineDriftCheck(baselineOf(crb("alice")));
        FindingLedger ledger = new FindingLedger();
        ResourceKey key = new ResourceKey("ClusterRoleBinding", null, "ops-admins");
        Instant t = Samples.AT;
        assertThat(types(ledger.reconcile(key, evaluate(check, crb("alice")), Set.of(), t)))
                .isEmpty();
        assertThat(types(ledger.reconcile(key, evaluate(check, crb("alice", "mallory")), Set.of(), t)))
                .containsExactly("opened");
        assertThat(types(ledger.reconcile(key, evaluate(check, crb("alice", "mallory")), Set.of(), t)))
                .as("the same difference again is no event")
                .isEmpty();
        assertThat(types(ledger.reconcile(key, evaluate(check, crb("alice", "mallory", "eve")), Set.of(), t)))
                .containsExactly("changed");
        assertThat(types(ledger.reconcile(
                        key,
                        evaluate(check, "apiVersion: v1\nkind: ConfigMap\n" + "metadata: {name: x, namespace: shop}\n"),
                        Set.of(),
                        t)))
                .as("deleted: the same finding")
                .containsExactly("changed");
        assertThat(types(ledger.reconcile(key, evaluate(check, crb("alice")), Set.of(), t)))
                .containsExactly("resolved");
    }

    private static List<String> types(List<FindingEvent> events) {
        return events.stream().map(FindingEvent::type).toList();
    }
}
