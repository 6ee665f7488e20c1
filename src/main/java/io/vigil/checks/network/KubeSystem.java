package io.vigil.checks.network;

import io.vigil.check.ClusterView;
import java.util.Map;

/**
 * kube-system's labels as the cluster (or the scan) shows them, plus the label the API server sets: what
 * a DNS rule's namespace selector must match to reach cluster DNS.
 */
record KubeSystem(Map<String, String> labels) {
    static KubeSystem of(ClusterView view) {
        return new KubeSystem(CniPolicies.namespaceLabels(view, NetworkPolicies.KUBE_SYSTEM));
    }
}
