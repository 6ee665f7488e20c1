package io.vigil.scan;

import java.util.Map;
import java.util.Set;

/**
 * The kinds each built-in API group serves, so that a typo ({@code kind: Deploymnet}) is reported
 * instead of silently audited as nothing. Kinds of other groups are custom resources and accepted.
 */
final class KnownKinds {
    private static final Map<String, Set<String>> BY_GROUP = Map.ofEntries(
            Map.entry(
                    "",
                    Set.of(
                            "Pod",
                            "Service",
                            "ServiceAccount",
                            "ConfigMap",
                            "Secret",
                            "Namespace",
                            "ReplicationController",
                            "PersistentVolume",
                            "PersistentVolumeClaim",
                            "Endpoints",
                            "Event",
                            "LimitRange",
                            "ResourceQuota",
                            "Node",
                            "PodTemplate",
                            "Binding",
                            "ComponentStatus")),
            Map.entry("apps", Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision")),
            Map.entry(
                    "extensions",
                    Set.of("Deployment", "DaemonSet", "ReplicaSet", "Ingress", "NetworkPolicy", "PodSecurityPolicy")),
            Map.entry("batch", Set.of("Job", "CronJob")),
            Map.entry("policy", Set.of("PodDisruptionBudget", "PodSecurityPolicy", "Eviction")),
            Map.entry(
                    "networking.k8s.io",
                    Set.of("NetworkPolicy", "Ingress", "IngressClass", "IPAddress", "ServiceCIDR")),
            Map.entry("rbac.authorization.k8s.io", Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")),
            Map.entry(
                    "admissionregistration.k8s.io",
                    Set.of(
                            "ValidatingWebhookConfiguration",
                            "MutatingWebhookConfiguration",
                            "ValidatingAdmissionPolicy",
                            "ValidatingAdmissionPolicyBinding",
                            "MutatingAdmissionPolicy",
                            "MutatingAdmissionPolicyBinding")),
            Map.entry("autoscaling", Set.of("HorizontalPodAutoscaler")),
            Map.entry(
                    "storage.k8s.io",
                    Set.of(
                            "StorageClass",
                            "CSIDriver",
                            "CSINode",
                            "VolumeAttachment",
                            "CSIStorageCapacity",
                            "VolumeAttributesClass")),
            Map.entry("scheduling.k8s.io", Set.of("PriorityClass")),
            Map.entry("coordination.k8s.io", Set.of("Lease")),
            Map.entry("apiextensions.k8s.io", Set.of("CustomResourceDefinition")),
            Map.entry("apiregistration.k8s.io", Set.of("APIService")),
            Map.entry("discovery.k8s.io", Set.of("EndpointSlice")),
            Map.entry("node.k8s.io", Set.of("RuntimeClass")),
            Map.entry("certificates.k8s.io", Set.of("CertificateSigningRequest", "ClusterTrustBundle")),
            Map.entry("events.k8s.io", Set.of("Event")));

    private KnownKinds() {}

    /** Null when the kind is plausible; otherwise why it is not. */
    static String problem(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        if (slash < 0 && !apiVersion.matches("v\\d+((alpha|beta)\\d+)?")) {
            return "unknown apiVersion \"" + apiVersion + "\"";
        }
        Set<String> kinds = BY_GROUP.get(group);
        if (kinds != null && !kinds.contains(kind)) {
            return "unknown kind \"" + kind + "\" for apiVersion " + apiVersion;
        }
        return null;
    }
}
