package io.vigil.checks.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Json;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingress rule that admits every source (no {@code from}, an empty {@code from}, or an ipBlock of
 * 0.0.0.0/0 or ::/0) undoes the isolation policies exist to give, and because policies are additive no
 * other policy can narrow it again. Rules of a direction the policy does not govern are ignored, as by
 * the API server; a {@code namespaceSelector: {}} peer (every pod of the cluster, but nothing outside it)
 * is not "everything".
 */
public final class AllowAllIngress implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("netpol-allow-all-ingress")
            .title("NetworkPolicy admits all ingress")
            .severity(Severity.HIGH)
            .family(Family.NETWORK)
            .subjects(Kinds.NETWORK_POLICY)
            .remediation("list the sources that need access in the rule's from (podSelector, namespaceSelector "
                    + "or specific ipBlock ranges) instead of admitting everything")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        List<JsonNode> rules = NetworkPolicies.effectiveRules(subject, Direction.INGRESS);
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            if (rule.isObject()) {
                check(subject, rule, "spec.ingress[" + i + "]", out);
            }
        }
        return out;
    }

    private static void check(KubeObject policy, JsonNode rule, String rulePath, List<Violation> out) {
        String ports = ports(rule.get("ports"));
        if (NetworkPolicies.peersUnrestricted(rule, Direction.INGRESS)) {
            String from = Json.isSet(rule.get("from")) ? "from: []" : "no from";
            out.add(Violation.of(
                    rulePath + ".from",
                    from + " (every source), " + ports,
                    "specific sources in from",
                    "NetworkPolicy " + policy.name() + " admits ingress from any source"));
            return;
        }
        List<JsonNode> peers = Json.elements(rule.get("from"));
        for (int j = 0; j < peers.size(); j++) {
            JsonNode ipBlock = peers.get(j).path("ipBlock");
            String cidr = Json.text(ipBlock, "cidr");
            if (ipBlock.isObject() && NetworkPolicies.isAnyAddress(cidr)) {
                String except = Json.texts(ipBlock.get("except")).isEmpty()
                        ? ""
                        : " except " + String.join(",", Json.texts(ipBlock.get("except")));
                out.add(Violation.of(
                        rulePath + ".from[" + j + "].ipBlock.cidr",
                        cidr + except + ", " + ports,
                        "specific address ranges",
                        "NetworkPolicy " + policy.name() + " admits ingress from every address (" + cidr + ")"));
            }
        }
    }

    private static String ports(JsonNode ports) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : Json.elements(ports)) {
            String protocol = Json.text(p, "protocol");
            String port = Json.text(p, "port");
            String end = Json.text(p, "endPort");
            out.add((protocol == null ? "TCP" : protocol) + "/" + (port == null ? "*" : port)
                    + (end == null ? "" : "-" + end));
        }
        return out.isEmpty() ? "all ports" : "ports " + String.join(",", out);
    }
}
