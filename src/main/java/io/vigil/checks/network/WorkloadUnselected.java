package io.vigil.checks.network;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every workload's pods should be selected by at least one NetworkPolicy of their namespace (in either
 * direction), or by a policy of the CNI (Cilium, Calico; {@link CniPolicies}): a pod no policy selects is
 * non-isolated, so it accepts and opens any connection whatever the rest of the namespace's policies say.
 */
public final class WorkloadUnselected extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("netpol-workload-unselected")
            .title("Workload selected by no NetworkPolicy")
            .severity(Severity.MEDIUM)
            .family(Family.NETWORK)
            .subjects(Kinds.POD_SPEC_KINDS)
            .reads(NetworkPolicies.READS)
            .controls("CIS:5.3.2")
            .remediation("add a NetworkPolicy whose podSelector matches the pod template's labels "
                    + "(or a namespace-wide default deny with podSelector: {})")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        Map<String, String> labels = LabelSelectors.labels(pod.metadata().path("labels"));
        List<KubeObject> policies = NetworkPolicies.inNamespace(view, pod.namespace());
        if (policies.stream().anyMatch(p -> NetworkPolicies.selects(p, labels))) {
            return;
        }
        CniPolicies.Endpoint endpoint = new CniPolicies.Endpoint(
                pod.namespace(), labels, CniPolicies.namespaceLabels(view, pod.namespace()), pod.serviceAccountName());
        if (CniPolicies.selects(view, endpoint)) {
            return;
        }
        String observed = (labels.isEmpty() ? "no labels" : "labels " + render(labels)) + "; "
                + (policies.isEmpty()
                        ? "no NetworkPolicy (nor Cilium or Calico policy) in namespace " + pod.namespace()
                        : policies.size() + " NetworkPolic" + (policies.size() == 1 ? "y" : "ies") + " in namespace "
                                + pod.namespace() + ", none matches");
        out.add(Violation.of(
                pod.metadataPath("labels"),
                observed,
                "selected by at least one NetworkPolicy",
                subject(pod) + " is selected by no NetworkPolicy"));
    }

    private static String subject(PodSpecView pod) {
        return pod.owner().ref().kind() + " " + pod.owner().name()
                + (Kinds.POD.equals(pod.owner().kindKey()) ? "" : "'s pod template");
    }

    private static String render(Map<String, String> labels) {
        return labels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
