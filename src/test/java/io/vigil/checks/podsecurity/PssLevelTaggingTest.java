package io.vigil.checks.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.AuditSettings;
import io.vigil.check.Check;
import io.vigil.check.Violation;
import io.vigil.checks.podsecurity.PssLevels.Level;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScannedObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each PSS finding carries the level its observed value violates (CHECKS.md), which fixtures cannot state. */
class PssLevelTaggingTest {

    @Test
    void addedCapabilityLevelFollowsTheCapability() {
        KubeObject pod = pod("""
                spec:
                  containers:
                    - name: api
                      image: api
                      securityContext:
                        capabilities:
                          add: [NET_RAW, CHOWN, NET_BIND_SERVICE]
                """);
        assertThat(levels(new CapabilitiesAdded(), pod))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "spec.containers[name=api].securityContext.capabilities.add[NET_RAW]", "PSS:baseline",
                        "spec.containers[name=api].securityContext.capabilities.add[CHOWN]", "PSS:restricted"));
    }

    @Test
    void unconfinedSeccompIsBaselineAndMissingIsRestricted() {
        KubeObject pod = pod("""
                spec:
                  containers:
                    - name: api
                      image: api
                      securityContext:
                        seccompProfile: {type: Unconfined}
                    - name: sidecar
                      image: sidecar
                """);
        assertThat(levels(new SeccompProfile(), pod))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "spec.containers[name=api].securityContext.seccompProfile.type", "PSS:baseline",
                        "spec.containers[name=sidecar].securityContext.seccompProfile.type", "PSS:restricted"));
    }

    @Test
    void unmaskedProcMountIsRestrictedOnlyInAUserNamespace() {
        String containers = """
                  containers:
                    - name: api
                      image: api
                      securityContext: {procMount: Unmasked}
                """;
        assertThat(levels(new ProcMountUnmasked(), pod("spec:\n  hostUsers: false\n" + containers)))
                .containsValue("PSS:restricted")
                .doesNotContainValue("PSS:baseline");
        assertThat(levels(new ProcMountUnmasked(), pod("spec:\n" + containers)))
                .containsValue("PSS:baseline")
                .doesNotContainValue("PSS:restricted");
    }

    @Test
    void everyPssFindingCarriesExactlyOneLevelAndTheNamespaceCheckNone() {
        KubeObject pod = pod("""
                spec:
                  hostNetwork: true
                  securityContext:
                    sysctls: [{name: kernel.msgmax, value: "1"}]
                  containers:
                    - name: api
                      image: api
                      securityContext:
                        privileged: true
                        procMount: Unmasked
                        capabilities: {add: [SYS_ADMIN]}
                  volumes:
                    - name: nfs
                      nfs: {server: x, path: /}
                """);
        ManifestClusterView view = new ManifestClusterView(List.of(pod), AuditSettings.defaults());
        for (Check check : PssLevels.CHECKS) {
            for (Violation v : check.evaluate(pod, view)) {
                assertThat(v.extraControls())
                        .as("%s %s", check.id(), v.path())
                        .hasSize(1)
                        .allMatch(c -> c.equals("PSS:baseline") || c.equals("PSS:restricted"));
            }
        }
        assertThat(PssLevels.violated(pod, view, Level.BASELINE))
                .contains(
                        "privileged-container",
                        "host-namespaces",
                        "unsafe-sysctls",
                        "proc-mount-unmasked",
                        "capabilities-added")
                .doesNotContain("restricted-volume-types", "seccomp-profile");
        assertThat(PssLevels.violated(pod, view, Level.RESTRICTED))
                .contains("restricted-volume-types", "seccomp-profile", "run-as-non-root");
        assertThat(PssLevels.violated(pod, view, Level.PRIVILEGED)).isEmpty();
        assertThat(new PssNamespaceViolation().descriptor().controls()).noneMatch(c -> c.startsWith("PSS:"));
    }

    private static Map<String, String> levels(Check check, KubeObject pod) {
        ManifestClusterView view = new ManifestClusterView(List.of(pod), AuditSettings.defaults());
        return check.evaluate(pod, view).stream()
                .collect(Collectors.toMap(Violation::path, v -> String.join(",", v.extraControls())));
    }

    private static KubeObject pod(String spec) {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\n" + spec;
        List<ScannedObject> objects = new ManifestReader("default")
                .readBytes("inline.yaml", yaml.getBytes(StandardCharsets.UTF_8))
                .result()
                .objects();
        assertThat(objects).hasSize(1);
        return objects.get(0).object();
    }
}
