package io.vigil.checks.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy semantics on raw objects, without the scan's API-server defaulting. */
class NetworkPoliciesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static KubeObject policy(String spec) throws Exception {
        return new KubeObject(
                new ResourceRef("networking.k8s.io/v1", "NetworkPolicy", "shop", "p", null),
                YAML.readTree("spec:\n" + spec.indent(2)),
                null);
    }

    @Test
    void policyTypesOmittedImpliesIngressAndEgressOnlyWithEgressRules() throws Exception {
        assertThat(NetworkPolicies.effectiveTypes(policy("podSelector: {}"))).containsExactly(Direction.INGRESS);
        assertThat(NetworkPolicies.effectiveTypes(policy("podSelector: {}\negress: []")))
                .containsExactly(Direction.INGRESS);
        assertThat(NetworkPolicies.effectiveTypes(policy("podSelector: {}\negress: [{}]")))
                .containsExactlyInAnyOrder(Direction.INGRESS, Direction.EGRESS);
        assertThat(NetworkPolicies.effectiveTypes(policy("policyTypes: [Egress]\ningress: [{}]")))
                .containsExactly(Direction.EGRESS);
    }

    @Test
    void defaultDenyWithoutDefaulting() throws Exception {
        KubeObject bare = policy("podSelector: {}");
        assertThat(NetworkPolicies.isDefaultDeny(bare, Direction.INGRESS)).isTrue();
        assertThat(NetworkPolicies.isDefaultDeny(bare, Direction.EGRESS)).isFalse();
        assertThat(NetworkPolicies.isDefaultDeny(policy("policyTypes: [Egress]"), Direction.EGRESS))
                .isTrue();
        assertThat(NetworkPolicies.isDefaultDeny(policy("podSelector: {matchLabels: {a: b}}"), Direction.INGRESS))
                .isFalse();
        assertThat(NetworkPolicies.effectiveRules(policy("policyTypes: [Egress]\ningress: [{}]"), Direction.INGRESS))
                .isEmpty();
    }

    @Test
    void oddShapesNeverThrow() throws Exception {
        for (String spec : new String[] {
            "podSelector: x",
            "policyTypes: 3",
            "ingress: x",
            "egress: {}",
            "podSelector: {matchExpressions: x}",
            "podSelector: {matchLabels: [1]}",
            "policyTypes: [null, 1]"
        }) {
            KubeObject p = policy(spec);
            NetworkPolicies.effectiveTypes(p);
            NetworkPolicies.isDefaultDeny(p, Direction.INGRESS);
            NetworkPolicies.selects(p, Map.of("a", "b"));
        }
        assertThat(NetworkPolicies.selects(policy("podSelector: x"), Map.of())).isFalse();
    }

    @Test
    void anyAddress() {
        assertThat(NetworkPolicies.isAnyAddress("0.0.0.0/0")).isTrue();
        assertThat(NetworkPolicies.isAnyAddress("::/0")).isTrue();
        assertThat(NetworkPolicies.isAnyAddress("10.0.0.0/8")).isFalse();
        assertThat(NetworkPolicies.isAnyAddress("0.0.0.0")).isFalse();
        assertThat(NetworkPolicies.isAnyAddress(null)).isFalse();
    }
}
