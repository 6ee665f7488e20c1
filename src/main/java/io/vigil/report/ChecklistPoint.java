package io.vigil.report;

import java.util.List;

/**
 * The 10-point production security checklist of the Task API audit, and the checks that decide each point.
 * A point fails in a namespace when one of its checks has an open finding there. Checks outside every point
 * are listed by {@link #OUTSIDE}.
 */
public enum ChecklistPoint {
    PSS_LABELS(
            1,
            "PSS",
            "Pod Security Standards labels",
            "namespace labelled pod-security.kubernetes.io/enforce=restricted, with warn and audit labels",
            Level.NAMESPACE,
            List.of("pss-namespace-unenforced", "pss-namespace-weak")),
    SERVICE_ACCOUNT(
            2,
            "SA",
            "Dedicated ServiceAccount without token automount",
            "each workload runs as its own ServiceAccount, not default, and does not automount its API token",
            Level.NAMESPACE,
            List.of("default-service-account", "sa-token-automount", "default-sa-automount", "shared-service-account")),
    RBAC(
            3,
            "RBAC",
            "Least-privilege RBAC without wildcards",
            "no wildcards, cluster-admin, secrets read, escalation verbs or grants to default or anonymous subjects",
            Level.NAMESPACE_AND_CLUSTER,
            List.of(
                    "rbac-wildcard-verb",
                    "rbac-wildcard-resource",
                    "rbac-cluster-admin-binding",
                    "rbac-secrets-access",
                    "rbac-pod-create",
                    "rbac-default-sa-subject",
                    "rbac-escalation-verbs",
                    "rbac-exec-attach",
                    "rbac-anonymous-subject",
                    "rbac-system-masters")),
    NETWORK(
            4,
            "NetPol",
            "Default-deny NetworkPolicies with DNS allowed",
            "default-deny ingress and egress, DNS egress allowed, every workload selected, no allow-all ingress",
            Level.NAMESPACE,
            List.of(
                    "netpol-no-default-deny-ingress",
                    "netpol-no-default-deny-egress",
                    "netpol-egress-no-dns",
                    "netpol-workload-unselected",
                    "netpol-allow-all-ingress")),
    SECRETS(
            5,
            "Secrets",
            "Secrets as mounted files, not environment variables",
            "Secrets mounted as files; no secret literals in env, ConfigMaps or Dapr component metadata",
            Level.NAMESPACE,
            List.of("secret-env-var", "secret-literal-env", "secret-in-configmap", "dapr-component-plain-secret")),
    SECURITY_CONTEXT(
            6,
            "SecCtx",
            "Restricted securityContext",
            "pods meet Pod Security restricted (non-root, no privilege escalation, drop ALL, seccomp) with a "
                    + "read-only root filesystem",
            Level.NAMESPACE,
            List.of(
                    "pss-namespace-violation",
                    "privileged-container",
                    "host-namespaces",
                    "host-probe-lifecycle",
                    "host-path-volume",
                    "host-port",
                    "capabilities-added",
                    "apparmor-unconfined",
                    "selinux-custom",
                    "proc-mount-unmasked",
                    "unsafe-sysctls",
                    "windows-host-process",
                    "restricted-volume-types",
                    "privilege-escalation",
                    "run-as-non-root",
                    "capabilities-not-dropped",
                    "seccomp-profile",
                    "read-only-root-filesystem")),
    RESOURCES(
            7,
            "Limits",
            "Resource limits",
            "every container has CPU and memory limits (and requests)",
            Level.NAMESPACE,
            List.of("resources-missing-limits", "resources-missing-requests")),
    IMAGES(
            8,
            "Images",
            "Images pinned by digest and scanned, no HIGH/CRITICAL",
            "images pinned by @sha256 digest, from trusted registries, scanned with no HIGH or CRITICAL "
                    + "vulnerabilities, signatures enforced where a controller is present",
            Level.NAMESPACE,
            List.of(
                    "image-latest-tag",
                    "image-not-digest-pinned",
                    "image-untrusted-registry",
                    "image-vulnerable",
                    "image-unscanned",
                    "image-signature-unenforced")),
    DAPR(
            9,
            "Dapr",
            "Dapr mTLS, component scopes and API token",
            "Dapr mTLS not disabled, every component scoped to its apps, every sidecar requires an API token",
            Level.NAMESPACE,
            List.of("dapr-mtls-disabled", "dapr-component-unscoped", "dapr-api-token-missing")),
    CONTROL_PLANE(
            10,
            "Audit/Enc",
            "Audit logging and encryption at rest",
            "kube-apiserver writes an audit log under an audit policy and encrypts Secrets at rest",
            Level.CLUSTER,
            List.of("apiserver-audit-log-disabled", "apiserver-encryption-at-rest-disabled"));

    /** Checks no point decides; their findings are listed separately in the checklist report. */
    public static final List<String> OUTSIDE =
            List.of("default-namespace", "apiserver-anonymous-auth", CheckInfo.BASELINE_DRIFT);

    /** Where a point is scored: per namespace, once for the cluster, or both (namespaced and cluster RBAC). */
    public enum Level {
        NAMESPACE,
        CLUSTER,
        NAMESPACE_AND_CLUSTER
    }

    private final int number;
    private final String shortTitle;
    private final String title;
    private final String requirement;
    private final Level level;
    private final List<String> checks;

    ChecklistPoint(int number, String shortTitle, String title, String requirement, Level level, List<String> checks) {
        this.number = number;
        this.shortTitle = shortTitle;
        this.title = title;
        this.requirement = requirement;
        this.level = level;
        this.checks = checks;
    }

    public int number() {
        return number;
    }

    /** A column header: {@code 3 RBAC}. */
    public String shortTitle() {
        return number + " " + shortTitle;
    }

    public String title() {
        return title;
    }

    public String requirement() {
        return requirement;
    }

    public Level level() {
        return level;
    }

    public List<String> checks() {
        return checks;
    }

    public boolean perNamespace() {
        return level != Level.CLUSTER;
    }

    public boolean perCluster() {
        return level != Level.NAMESPACE;
    }
}
