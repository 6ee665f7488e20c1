package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.support.Json;
import java.util.Set;

/**
 * Whether a port entry admits DNS (UDP 53). Only UDP counts as the allowance (CHECKS.md): resolvers try
 * UDP first, so a TCP-only rule still breaks name resolution.
 */
final class DnsPorts {
    static final int DNS_PORT = 53;
    private static final Set<String> DNS_PORT_NAMES = Set.of("dns", "domain");

    private DnsPorts() {}

    /**
     * A NetworkPolicy or Cilium port entry ({@code port}, {@code endPort}, {@code protocol}); {@code
     * anyProtocolDefault} is Cilium's omitted protocol (ANY), where NetworkPolicy's default is TCP.
     */
    static boolean admitsUdp53(JsonNode port, boolean anyProtocolDefault) {
        String protocol = Json.text(port, "protocol");
        boolean udp = protocol == null
                ? anyProtocolDefault
                : protocol.equalsIgnoreCase("UDP") || protocol.equalsIgnoreCase("ANY") && anyProtocolDefault;
        return udp && admits53(port.get("port"), Json.text(port.get("endPort")));
    }

    /** A port value (number, numeric string, name) with an optional range end; absent means every port. */
    static boolean admits53(JsonNode value, String endPort) {
        if (!Json.isSet(value)) {
            return true;
        }
        String text = Json.text(value);
        if (text == null) {
            return false;
        }
        if (!isDigits(text)) {
            return DNS_PORT_NAMES.contains(NetworkPolicies.lower(text));
        }
        int first = Integer.parseInt(text);
        int last = isDigits(endPort) ? Integer.parseInt(endPort) : first;
        return first <= DNS_PORT && DNS_PORT <= last;
    }

    /** A Calico port: a number, {@code "from:to"}, or a named port. */
    static boolean calicoAdmits53(JsonNode value) {
        String text = Json.text(value);
        if (text == null) {
            return false;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && isDigits(text.substring(0, colon)) && isDigits(text.substring(colon + 1))) {
            return Integer.parseInt(text.substring(0, colon)) <= DNS_PORT
                    && DNS_PORT <= Integer.parseInt(text.substring(colon + 1));
        }
        return admits53(value, null);
    }

    private static boolean isDigits(String s) {
        return s != null && !s.isEmpty() && s.length() <= 6 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
