package io.vigil.checks.network;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.checks.network.NetworkPolicies.Direction;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * A namespace needs a NetworkPolicy that selects every pod for Ingress with no rules: without that
 * default deny, any pod no policy selects accepts connections from anywhere, and every new workload
 * starts out open.
 */
public final class NoDefaultDenyIngress implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("netpol-no-default-deny-ingress")
            .title("Namespace without default-deny ingress NetworkPolicy")
            .severity(Severity.HIGH)
            .family(Family.NETWORK)
            .subjects(Kinds.NAMESPACE)
            .reads(NetworkPolicies.READS)
            .controls("CIS:5.3.2")
            .remediation("add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] and no ingress rules, "
                    + "then allow the traffic each workload needs with narrower policies")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return DefaultDeny.missing(subject, view, Direction.INGRESS);
    }
}
