package io.vigil.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.model.Finding;
import io.vigil.model.FindingId;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's per-subject shortcuts (issue 13: checks planned by kind, scope facts worked out once per
 * subject, controls and severity worked out once per check) decide exactly what the per-check tests decided.
 */
class EvaluatorTest {
    private static final AuditSettings SETTINGS = AuditSettings.defaults();

    @Test
    void onlyTheChecksOfTheSubjectsKindRunInCatalogueOrderAndEachScopeSeesWhatItShould() {
        List<String> ran = new ArrayList<>();
        Evaluator evaluator = new Evaluator(
                List.of(
                        new Probe("pods-workload", Scope.WORKLOAD, Kinds.POD, ran),
                        new Probe("deployments", Scope.WORKLOAD, Kinds.DEPLOYMENT, ran),
                        new Probe("pods-running", Scope.RUNNING_PODS, Kinds.POD, ran),
                        new Probe("pods-system", Scope.SYSTEM, Kinds.POD, ran)),
                SETTINGS);

        List<String> bare = ids(evaluator.evaluate(pod("shop", false), null));
        List<String> owned = ids(evaluator.evaluate(pod("shop", true), null));
        List<String> system = ids(evaluator.evaluate(pod("kube-system", false), null));

        assertThat(bare).containsExactly("pods-workload", "pods-running", "pods-system");
        assertThat(owned)
                .as("a pod its ReplicaSet controls is not a top controller")
                .containsExactly("pods-running", "pods-system");
        assertThat(system)
                .as("system namespaces excluded except for SYSTEM scope")
                .containsExactly("pods-system");
        assertThat(ran).doesNotContain("deployments");
        assertThat(evaluator.inScope(Scope.WORKLOAD, pod("shop", true))).isFalse();
        assertThat(evaluator.inScope(Scope.RUNNING_PODS, pod("shop", true))).isTrue();
        assertThat(evaluator.inScope(Scope.RUNNING_PODS, pod("kube-system", false)))
                .isFalse();
    }

    @Test
    void aFindingCarriesTheOverriddenSeverityAndTheChecksTheViolationsAndTheFamilysControlsOnceEach() {
        AuditSettings overridden = new AuditSettings(
                "prod",
                AuditSettings.DEFAULT_SYSTEM_NAMESPACES,
                false,
                List.of(),
                Map.of("pods-workload", Severity.CRITICAL));
        Probe probe = new Probe("pods-workload", Scope.WORKLOAD, Kinds.POD, new ArrayList<>());
        probe.extraControls = List.of("PSS:restricted", "CIS:5.2.1");
        KubeObject subject = pod("shop", false);

        List<Finding> findings = new Evaluator(List.of(probe), overridden)
                .evaluate(subject, null)
                .findings();

        assertThat(findings).hasSize(2);
        Finding plain = findings.get(0);
        Finding extra = findings.get(1);
        assertThat(plain.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(plain.controls())
                .containsExactly(
                        "CIS:5.2.1", "SOC2:CC6.1", "SOC2:CC6.7", "HIPAA:164.312(a)(2)(iv)", "NSA:network-separation");
        assertThat(extra.severity()).as("a violation's own severity wins").isEqualTo(Severity.LOW);
        assertThat(extra.controls())
                .containsExactly(
                        "CIS:5.2.1",
                        "PSS:restricted",
                        "SOC2:CC6.1",
                        "SOC2:CC6.7",
                        "HIPAA:164.312(a)(2)(iv)",
                        "NSA:network-separation");
        assertThat(plain.id()).isEqualTo(FindingId.of("prod", "pods-workload", subject.ref(), "spec.a"));
        assertThat(extra.id()).isEqualTo(FindingId.of("prod", "pods-workload", subject.ref(), "spec.b"));
    }

    private static List<String> ids(Evaluator.Result r) {
        return r.findings().stream().map(Finding::checkId).toList();
    }

    private static KubeObject pod(String namespace, boolean owned) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = body.putObject("metadata").put("name", "api").put("namespace", namespace);
        if (owned) {
            meta.putArray("ownerReferences")
                    .addObject()
                    .put("kind", "ReplicaSet")
                    .put("name", "api-7c9")
                    .put("controller", true);
        }
        return new KubeObject(new ResourceRef("v1", "Pod", namespace, "api", "uid-1"), body, null);
    }

    /** Records that it ran; reports one plain violation, and a second with its own severity and controls when set. */
    private static final class Probe implements Check {
        private final CheckDescriptor descriptor;
        private final List<String> ran;
        List<String> extraControls = List.of();

        Probe(String id, Scope scope, String kind, List<String> ran) {
            this.descriptor = CheckDescriptor.builder(id)
                    .title(id)
                    .severity(Severity.MEDIUM)
                    .family(Family.SECRETS)
                    .subjects(kind)
                    .controls("CIS:5.2.1")
                    .scope(scope)
                    .remediation("none")
                    .build();
            this.ran = ran;
        }

        @Override
        public CheckDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public List<Violation> evaluate(KubeObject subject, ClusterView view) {
            ran.add(descriptor.id());
            List<Violation> out = new ArrayList<>();
            out.add(Violation.of("spec.a", "x", "y", "plain"));
            if (!extraControls.isEmpty()) {
                out.add(Violation.of("spec.b", "x", "y", "extra")
                        .withSeverity(Severity.LOW)
                        .withControls(extraControls.toArray(String[]::new)));
            }
            return out;
        }
    }
}
