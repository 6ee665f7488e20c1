package io.vigil.source;

import java.util.List;

/** The kinds of DESIGN §2. Secrets are never watched or read. */
public final class WatchedKinds {
    public static final List<WatchedKind> ALL = List.of(
            builtIn("", "v1", "Namespace", "namespaces", false),
            builtIn("", "v1", "Pod", "pods", true),
            builtIn("apps", "v1", "Deployment", "deployments", true),
            builtIn("apps", "v1", "StatefulSet", "statefulsets", true),
            builtIn("apps", "v1", "DaemonSet", "daemonsets", true),
            builtIn("apps", "v1", "ReplicaSet", "replicasets", true),
            builtIn("batch", "v1", "Job", "jobs", true),
            builtIn("batch", "v1", "CronJob", "cronjobs", true),
            builtIn("", "v1", "ReplicationController", "replicationcontrollers", true),
            builtIn("", "v1", "ServiceAccount", "serviceaccounts", true),
            builtIn("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
            builtIn("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
            builtIn("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
            builtIn("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
            builtIn("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
            builtIn("", "v1", "ConfigMap", "configmaps", true),
            builtIn(
                    "admissionregistration.k8s.io",
                    "v1",
                    "ValidatingWebhookConfiguration",
                    "validatingwebhookconfigurations",
                    false),
            builtIn(
                    "admissionregistration.k8s.io",
                    "v1",
                    "MutatingWebhookConfiguration",
                    "mutatingwebhookconfigurations",
                    false),
            custom("dapr.io", "v1alpha1", "Configuration", "configurations", true),
            custom("dapr.io", "v1alpha1", "Component", "components", true),
            custom("aquasecurity.github.io", "v1alpha1", "VulnerabilityReport", "vulnerabilityreports", true),
            custom("policy.sigstore.dev", "v1beta1", "ClusterImagePolicy", "clusterimagepolicies", false),
            custom("kyverno.io", "v1", "ClusterPolicy", "clusterpolicies", false),
            custom("kyverno.io", "v1", "Policy", "policies", true),
            custom("cilium.io", "v2", "CiliumNetworkPolicy", "ciliumnetworkpolicies", true),
            custom("cilium.io", "v2", "CiliumClusterwideNetworkPolicy", "ciliumclusterwidenetworkpolicies", false),
            custom("projectcalico.org", "v3", "NetworkPolicy", "networkpolicies", true),
            custom("projectcalico.org", "v3", "GlobalNetworkPolicy", "globalnetworkpolicies", false),
            custom("crd.projectcalico.org", "v1", "NetworkPolicy", "networkpolicies", true),
            custom("crd.projectcalico.org", "v1", "GlobalNetworkPolicy", "globalnetworkpolicies", false));

    private WatchedKinds() {}

    private static WatchedKind builtIn(String group, String version, String kind, String plural, boolean namespaced) {
        return new WatchedKind(group, version, kind, plural, namespaced, false);
    }

    private static WatchedKind custom(String group, String version, String kind, String plural, boolean namespaced) {
        return new WatchedKind(group, version, kind, plural, namespaced, true);
    }
}
