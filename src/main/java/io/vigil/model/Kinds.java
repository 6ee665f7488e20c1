package io.vigil.model;

import java.util.Set;

/**
 * Kind keys. Built-in Kubernetes kinds are keyed by their bare kind name (a Deployment is "Deployment"
 * whether it came as apps/v1 or extensions/v1beta1); kinds from other API groups are keyed
 * {@code group/Kind}, so Dapr's Configuration never collides with anything built in.
 */
public final class Kinds {
    public static final String NAMESPACE = "Namespace";
    public static final String POD = "Pod";
    public static final String DEPLOYMENT = "Deployment";
    public static final String STATEFUL_SET = "StatefulSet";
    public static final String DAEMON_SET = "DaemonSet";
    public static final String REPLICA_SET = "ReplicaSet";
    public static final String JOB = "Job";
    public static final String CRON_JOB = "CronJob";
    public static final String REPLICATION_CONTROLLER = "ReplicationController";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";
    public static final String ROLE = "Role";
    public static final String CLUSTER_ROLE = "ClusterRole";
    public static final String ROLE_BINDING = "RoleBinding";
    public static final String CLUSTER_ROLE_BINDING = "ClusterRoleBinding";
    public static final String NETWORK_POLICY = "NetworkPolicy";
    public static final String CONFIG_MAP = "ConfigMap";
    public static final String VALIDATING_WEBHOOK = "ValidatingWebhookConfiguration";
    public static final String MUTATING_WEBHOOK = "MutatingWebhookConfiguration";
    public static final String DAPR_CONFIGURATION = "dapr.io/Configuration";
    public static final String DAPR_COMPONENT = "dapr.io/Component";
    public static final String VULNERABILITY_REPORT = "aquasecurity.github.io/VulnerabilityReport";
    public static final String CLUSTER_IMAGE_POLICY = "policy.sigstore.dev/ClusterImagePolicy";
    public static final String KYVERNO_CLUSTER_POLICY = "kyverno.io/ClusterPolicy";
    public static final String KYVERNO_POLICY = "kyverno.io/Policy";
    public static final String CILIUM_NETWORK_POLICY = "cilium.io/CiliumNetworkPolicy";
    public static final String CILIUM_CLUSTERWIDE_NETWORK_POLICY = "cilium.io/CiliumClusterwideNetworkPolicy";
    public static final String CALICO_NETWORK_POLICY = "projectcalico.org/NetworkPolicy";
    public static final String CALICO_GLOBAL_NETWORK_POLICY = "projectcalico.org/GlobalNetworkPolicy";
    public static final String CALICO_CRD_NETWORK_POLICY = "crd.projectcalico.org/NetworkPolicy";
    public static final String CALICO_CRD_GLOBAL_NETWORK_POLICY = "crd.projectcalico.org/GlobalNetworkPolicy";

    /** The CNI's own policy kinds (CHECKS.md network): Cilium's and Calico's, in both Calico API groups. */
    public static final Set<String> CNI_POLICIES = Set.of(
            CILIUM_NETWORK_POLICY,
            CILIUM_CLUSTERWIDE_NETWORK_POLICY,
            CALICO_NETWORK_POLICY,
            CALICO_GLOBAL_NETWORK_POLICY,
            CALICO_CRD_NETWORK_POLICY,
            CALICO_CRD_GLOBAL_NETWORK_POLICY);

    /** Kinds whose pod template Vigil evaluates (DESIGN §2, workload identity). */
    public static final Set<String> WORKLOADS =
            Set.of(DEPLOYMENT, STATEFUL_SET, DAEMON_SET, REPLICA_SET, JOB, CRON_JOB, REPLICATION_CONTROLLER);

    /** Kinds that carry a pod spec: the workloads and Pod itself. */
    public static final Set<String> POD_SPEC_KINDS =
            Set.of(POD, DEPLOYMENT, STATEFUL_SET, DAEMON_SET, REPLICA_SET, JOB, CRON_JOB, REPLICATION_CONTROLLER);

    private static final Set<String> BUILT_IN_GROUPS = Set.of(
            "",
            "apps",
            "batch",
            "extensions",
            "policy",
            "networking.k8s.io",
            "rbac.authorization.k8s.io",
            "admissionregistration.k8s.io");

    private Kinds() {}

    public static String key(String group, String kind) {
        String g = group == null ? "" : group;
        return BUILT_IN_GROUPS.contains(g) ? kind : g + "/" + kind;
    }

    public static boolean isNamespaced(String kindKey) {
        return !Set.of(
                        NAMESPACE,
                        CLUSTER_ROLE,
                        CLUSTER_ROLE_BINDING,
                        VALIDATING_WEBHOOK,
                        MUTATING_WEBHOOK,
                        CLUSTER_IMAGE_POLICY,
                        KYVERNO_CLUSTER_POLICY,
                        CILIUM_CLUSTERWIDE_NETWORK_POLICY,
                        CALICO_GLOBAL_NETWORK_POLICY,
                        CALICO_CRD_GLOBAL_NETWORK_POLICY,
                        "PersistentVolume",
                        "Node",
                        "StorageClass",
                        "CustomResourceDefinition",
                        "PriorityClass")
                .contains(kindKey);
    }
}
