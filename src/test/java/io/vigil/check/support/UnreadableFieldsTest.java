package io.vigil.check.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.Violation;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScannedObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pod-spec check whose verdict depends on a field that cannot be read reports it; others stay silent. */
class UnreadableFieldsTest {
    private static List<Violation> evaluate(String checkId, String yaml) {
        List<KubeObject> objects = new ManifestReader("default")
                .readBytes("m.yaml", yaml.getBytes(StandardCharsets.UTF_8)).result().objects().stream()
                        .map(ScannedObject::object)
                        .toList();
        Check check = BuiltInChecks.catalog().find(checkId).orElseThrow();
        return check.evaluate(objects.get(0), new ManifestClusterView(objects, AuditSettings.defaults()));
    }

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop}
            spec:
              hostNetwork: "yes"
              containers:
                - name: api
                  image: shop/api:1.0
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: "root"
                    capabilities: {add: {NET_RAW: true}}
            """;

    @Test
    void hostNetworkThatIsNotABooleanIsReportedWithItsReasonAndTheCheckLevel() {
        assertThat(evaluate("host-namespaces", POD))
                .containsExactly(new Violation(
                        "spec.hostNetwork",
                        "<unreadable: spec.hostNetwork: expected boolean, got string \"yes\">",
                        "false or unset",
                        "cannot judge spec.hostNetwork: expected boolean, got string \"yes\"",
                        null,
                        List.of("PSS:baseline")));
    }

    @Test
    void aUidThatIsNotAnIntegerIsReportedNotReadAsNonRoot() {
        assertThat(evaluate("run-as-non-root", POD))
                .extracting(Violation::path, Violation::observed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "spec.containers[name=api].securityContext.runAsUser",
                        "<unreadable: spec.containers[name=api].securityContext.runAsUser: expected integer, got string"
                                + " \"root\">"));
    }

    @Test
    void aCapabilityListThatIsNotAListIsReported() {
        assertThat(evaluate("capabilities-added", POD))
                .extracting(Violation::path)
                .containsExactly("spec.containers[name=api].securityContext.capabilities.add");
    }

    @Test
    void aCheckWhoseVerdictDoesNotDependOnTheFieldSaysNothingAboutIt() {
        assertThat(evaluate("privileged-container", POD)).isEmpty();
    }
}
