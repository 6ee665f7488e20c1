package io.vigil.checks.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** The port shapes of NetworkPolicy, Cilium and Calico rules that admit UDP 53, and their near misses. */
class DnsPortsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode node(String yaml) throws Exception {
        return YAML.readTree(yaml);
    }

    @Test
    void networkPolicyPortsNeedAnExplicitUdpProtocol() throws Exception {
        assertThat(DnsPorts.admitsUdp53(node("{protocol: UDP, port: 53}"), false))
                .isTrue();
        assertThat(DnsPorts.admitsUdp53(node("{protocol: udp, port: dns}"), false))
                .isTrue();
        assertThat(DnsPorts.admitsUdp53(node("{protocol: UDP, port: 50, endPort: 60}"), false))
                .isTrue();
        assertThat(DnsPorts.admitsUdp53(node("{protocol: UDP}"), false)).isTrue();
        assertThat(DnsPorts.admitsUdp53(node("{port: 53}"), false)).isFalse();
        assertThat(DnsPorts.admitsUdp53(node("{protocol: ANY, port: 53}"), false))
                .isFalse();
        assertThat(DnsPorts.admitsUdp53(node("{protocol: UDP, port: 54, endPort: 60}"), false))
                .isFalse();
        assertThat(DnsPorts.admitsUdp53(node("{protocol: UDP, port: http}"), false))
                .isFalse();
    }

    @Test
    void ciliumPortsDefaultToAnyProtocol() throws Exception {
        assertThat(DnsPorts.admitsUdp53(node("{port: '53'}"), true)).isTrue();
        assertThat(DnsPorts.admitsUdp53(node("{port: '53', protocol: ANY}"), true))
                .isTrue();
        assertThat(DnsPorts.admitsUdp53(node("{port: '53', protocol: TCP}"), true))
                .isFalse();
        assertThat(DnsPorts.admitsUdp53(node("{port: [53]}"), true)).isFalse();
    }

    @Test
    void calicoPortsAreNumbersRangesOrNames() throws Exception {
        assertThat(DnsPorts.calicoAdmits53(node("53"))).isTrue();
        assertThat(DnsPorts.calicoAdmits53(node("'50:60'"))).isTrue();
        assertThat(DnsPorts.calicoAdmits53(node("dns"))).isTrue();
        assertThat(DnsPorts.calicoAdmits53(node("'54:60'"))).isFalse();
        assertThat(DnsPorts.calicoAdmits53(node("'60:50'"))).isFalse();
        assertThat(DnsPorts.calicoAdmits53(node("'a:b'"))).isFalse();
        assertThat(DnsPorts.calicoAdmits53(node("{}"))).isFalse();
    }
}
