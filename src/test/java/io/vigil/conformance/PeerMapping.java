package io.vigil.conformance;

import io.vigil.check.AuditSettings;
import io.vigil.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reviewed mapping from a peer tool's verdict id (the {@code check_id} column of the corpus'
 * {@code INDEX.tsv}) to the Vigil check(s) that cover the same concern. A peer verdict maps only where a
 * Vigil check genuinely answers the same question; everything else (probes, PDBs, replicas, deprecated APIs,
 * pull policy, verdicts that hinge on a peer setting Vigil has no counterpart for) is "not in catalogue" and
 * counted apart, never as a disagreement.
 *
 * <p>How peer verdicts read (per source): {@code pass} and {@code pass[redundant-override-label]} are pass;
 * {@code fail} is fail, and so is {@code fail[overridden-by-label]}: the configuration is bad and only a
 * kubeaudit override label silences it, while Vigil has no override labels (exceptions are its mechanism),
 * so Vigil must report it. kubeaudit {@code warn}, kube-score {@code warn} (GradeWarning) and an application
 * reading's {@code warn} mean "flagged" and read as fail (polaris' cases have no warn). {@code info}, {@code skipped}, {@code not-skipped}, {@code skipped(unasserted)} and
 * {@code n/a} give no pass/fail verdict.
 */
final class PeerMapping {
    private PeerMapping() {}

    /** What a row of INDEX.tsv is compared with. */
    enum Kind {
        MAPPED,
        PSS,
        NOT_IN_CATALOGUE,
        NO_VERDICT
    }

    /**
     * A Vigil check, optionally narrowed to findings whose path ends with {@code pathSuffix} (the CPU limit
     * alone for polaris cpuLimitsMissing).
     */
    record Target(String check, String pathSuffix) {
        static Target of(String spec) {
            int at = spec.indexOf('@');
            return at < 0 ? new Target(spec, null) : new Target(spec.substring(0, at), spec.substring(at + 1));
        }

        boolean matches(Finding f) {
            return f.checkId().equals(check) && (pathSuffix == null || f.path().endsWith(pathSuffix));
        }

        @Override
        public String toString() {
            return pathSuffix == null ? check : check + " (" + pathSuffix + ")";
        }
    }

    /**
     * The decision for one row: which Vigil checks (or which PSS level) decide Vigil's verdict, under which
     * settings; or why the row is not compared.
     */
    record Decision(Kind kind, List<Target> targets, String pssLevel, AuditSettings settings, String why) {
        static Decision mapped(String... checks) {
            List<Target> targets = new ArrayList<>();
            for (String c : checks) {
                targets.add(Target.of(c));
            }
            return new Decision(Kind.MAPPED, List.copyOf(targets), null, AuditSettings.defaults(), "");
        }

        static Decision pss(String level) {
            return new Decision(
                    Kind.PSS, List.of(), level, AuditSettings.defaults().withIncludeSystem(true), "");
        }

        static Decision notInCatalogue(String why) {
            return new Decision(Kind.NOT_IN_CATALOGUE, List.of(), null, null, why);
        }

        static Decision noVerdict(String why) {
            return new Decision(Kind.NO_VERDICT, List.of(), null, null, why);
        }

        String describe() {
            return switch (kind) {
                case MAPPED ->
                    String.join(", ", targets.stream().map(Target::toString).toList());
                case PSS -> "PSS:" + pssLevel;
                default -> "";
            };
        }
    }

    /** Normalised peer verdict: "pass", "fail", or null when the peer gives none. */
    static String peerVerdict(String source, String expected) {
        String e = expected.trim();
        if (e.equals("pass") || e.startsWith("pass[")) {
            return "pass";
        }
        if (e.equals("fail") || e.startsWith("fail[")) {
            return "fail";
        }
        if (e.equals("warn") && !source.equals("polaris")) {
            return "fail";
        }
        return null;
    }

    static Decision decide(String source, String family, String checkId, String config) {
        return switch (source) {
            case "kubeaudit" -> kubeaudit(checkId, config);
            case "polaris" -> polaris(checkId);
            case "kube-score" -> kubeScore(checkId, config);
            case "pod-security-admission" -> podSecurityAdmission(checkId);
            default -> derived(checkId, family);
        };
    }

    // ---------------------------------------------------------------- kubeaudit

    private static final Map<String, String[]> KUBEAUDIT = new TreeMap<>(Map.ofEntries(
            Map.entry("apparmor", new String[] {"apparmor-unconfined"}),
            Map.entry("asat", new String[] {"sa-token-automount"}),
            Map.entry("capabilities", new String[] {"capabilities-added", "capabilities-not-dropped"}),
            Map.entry("hostns", new String[] {"host-namespaces"}),
            Map.entry("image", new String[] {"image-latest-tag"}),
            Map.entry("limits", new String[] {"resources-missing-limits"}),
            Map.entry("mounts", new String[] {"host-path-volume"}),
            Map.entry("netpols", new String[] {
                "netpol-no-default-deny-ingress", "netpol-no-default-deny-egress", "netpol-allow-all-ingress"
            }),
            Map.entry("nonroot", new String[] {"run-as-non-root"}),
            Map.entry("privesc", new String[] {"privilege-escalation"}),
            Map.entry("privileged", new String[] {"privileged-container"}),
            Map.entry("rootfs", new String[] {"read-only-root-filesystem"}),
            Map.entry("seccomp", new String[] {"seccomp-profile"})));

    private static Decision kubeaudit(String checkId, String config) {
        String[] parts = checkId.split(":", 3);
        String auditor = parts[1];
        List<String> rules = List.of(parts[2].split(","));
        switch (auditor) {
            case "test":
                return Decision.noVerdict("fixture used by kubeaudit's fix/parse tests, no audit expectation");
            case "deprecatedapis":
                return Decision.notInCatalogue("deprecated API versions are API hygiene, not a security check");
            case "asat":
                if (rules.contains("AutomountServiceAccountTokenDeprecated")) {
                    return Decision.notInCatalogue("use of the deprecated serviceAccount field is API hygiene");
                }
                break;
            case "image":
                if (rules.contains("ImageTagIncorrect") || rules.contains("ImageCorrect")) {
                    return Decision.notInCatalogue("verdict depends on kubeaudit's expected-image setting; Vigil has"
                            + " no expected-tag setting (its registry allow-list is another concern)");
                }
                break;
            case "limits":
                if (!config.isBlank()) {
                    return Decision.notInCatalogue("verdict depends on kubeaudit's maxCPU/maxMemory ceilings; Vigil"
                            + " checks that limits exist, it has no ceiling setting");
                }
                break;
            case "all":
                if (config.contains("enabled=apparmor,seccomp")) {
                    return Decision.mapped("apparmor-unconfined", "seccomp-profile");
                }
                return Decision.mapped(KUBEAUDIT.values().stream()
                        .flatMap(java.util.Arrays::stream)
                        .distinct()
                        .toArray(String[]::new));
            default:
                break;
        }
        String[] checks = KUBEAUDIT.get(auditor);
        if (checks == null) {
            throw new IllegalStateException("unreviewed kubeaudit auditor: " + checkId);
        }
        Set<String> byRule = new LinkedHashSet<>();
        for (String rule : rules) {
            String base = rule.endsWith("Allowed") ? rule.substring(0, rule.length() - "Allowed".length()) : rule;
            String[] specific = KUBEAUDIT_RULES.get(base);
            if (specific != null) {
                byRule.addAll(List.of(specific));
            }
        }
        return byRule.isEmpty() ? Decision.mapped(checks) : Decision.mapped(byRule.toArray(String[]::new));
    }

    /** Rules of one auditor that name one of its Vigil checks; other rules ("none", overrides) use them all. */
    private static final Map<String, String[]> KUBEAUDIT_RULES = new TreeMap<>(Map.ofEntries(
            Map.entry("CapabilityAdded", new String[] {"capabilities-added"}),
            Map.entry("CapabilityShouldDropAll", new String[] {"capabilities-not-dropped"}),
            Map.entry("CapabilityOrSecurityContextMissing", new String[] {"capabilities-not-dropped"}),
            Map.entry("MissingDefaultDenyIngressNetworkPolicy", new String[] {"netpol-no-default-deny-ingress"}),
            Map.entry("MissingDefaultDenyEgressNetworkPolicy", new String[] {"netpol-no-default-deny-egress"}),
            Map.entry(
                    "MissingDefaultDenyIngressAndEgressNetworkPolicy",
                    new String[] {"netpol-no-default-deny-ingress", "netpol-no-default-deny-egress"}),
            Map.entry("AllowAllIngressNetworkPolicyExists", new String[] {"netpol-allow-all-ingress"}),
            Map.entry("NamespaceHostNetworkTrue", new String[] {"host-namespaces@hostNetwork"}),
            Map.entry("NamespaceHostIPCTrue", new String[] {"host-namespaces@hostIPC"}),
            Map.entry("NamespaceHostPIDTrue", new String[] {"host-namespaces@hostPID"})));

    // ---------------------------------------------------------------- polaris

    private static final Map<String, String[]> POLARIS = new TreeMap<>(Map.ofEntries(
            Map.entry("clusterrolePodExecAttach", new String[] {"rbac-exec-attach"}),
            Map.entry("rolePodExecAttach", new String[] {"rbac-exec-attach"}),
            Map.entry("clusterrolebindingPodExecAttach", new String[] {"rbac-exec-attach"}),
            Map.entry("rolebindingClusterRolePodExecAttach", new String[] {"rbac-exec-attach"}),
            Map.entry("rolebindingRolePodExecAttach", new String[] {"rbac-exec-attach"}),
            Map.entry("clusterrolebindingClusterAdmin", new String[] {"rbac-cluster-admin-binding"}),
            Map.entry("rolebindingClusterAdminClusterRole", new String[] {"rbac-cluster-admin-binding"}),
            Map.entry("rolebindingClusterAdminRole", new String[] {"rbac-cluster-admin-binding"}),
            Map.entry("missingNetworkPolicy", new String[] {"netpol-workload-unselected"}),
            Map.entry("dangerousCapabilities", new String[] {"capabilities-added"}),
            Map.entry("insecureCapabilities", new String[] {"capabilities-added", "capabilities-not-dropped"}),
            Map.entry("hostIPCSet", new String[] {"host-namespaces@hostIPC"}),
            Map.entry("hostNetworkSet", new String[] {"host-namespaces@hostNetwork"}),
            Map.entry("hostPIDSet", new String[] {"host-namespaces@hostPID"}),
            Map.entry("hostPathSet", new String[] {"host-path-volume"}),
            Map.entry("hostPortSet", new String[] {"host-port"}),
            Map.entry("hostProcess", new String[] {"windows-host-process"}),
            Map.entry("linuxHardening", new String[] {"seccomp-profile", "capabilities-not-dropped"}),
            Map.entry("notReadOnlyRootFilesystem", new String[] {"read-only-root-filesystem"}),
            Map.entry("privilegeEscalationAllowed", new String[] {"privilege-escalation"}),
            Map.entry("procMount", new String[] {"proc-mount-unmasked"}),
            Map.entry("runAsPrivileged", new String[] {"privileged-container"}),
            Map.entry("runAsRootAllowed", new String[] {"run-as-non-root"}),
            Map.entry("automountServiceAccountToken", new String[] {"sa-token-automount"}),
            Map.entry("sensitiveConfigmapContent", new String[] {"secret-in-configmap"}),
            Map.entry("sensitiveContainerEnvVar", new String[] {"secret-literal-env"}),
            Map.entry("tagNotSpecified", new String[] {"image-latest-tag"}),
            Map.entry("cpuLimitsMissing", new String[] {"resources-missing-limits@limits.cpu"}),
            Map.entry("memoryLimitsMissing", new String[] {"resources-missing-limits@limits.memory"}),
            Map.entry("cpuRequestsMissing", new String[] {"resources-missing-requests@requests.cpu"}),
            Map.entry("memoryRequestsMissing", new String[] {"resources-missing-requests@requests.memory"})));

    /**
     * The danger-level checks of polaris' default configuration (pkg/config/default.yaml) that the webhook
     * denies on, as far as Vigil covers them; warning-level checks never deny.
     */
    static final List<String> POLARIS_WEBHOOK_DANGER = List.of(
            "tagNotSpecified",
            "hostIPCSet",
            "hostPIDSet",
            "hostNetworkSet",
            "privilegeEscalationAllowed",
            "runAsRootAllowed",
            "runAsPrivileged",
            "dangerousCapabilities",
            "sensitiveContainerEnvVar",
            "sensitiveConfigmapContent",
            "clusterrolePodExecAttach",
            "rolePodExecAttach",
            "clusterrolebindingPodExecAttach",
            "rolebindingClusterRolePodExecAttach",
            "rolebindingRolePodExecAttach",
            "clusterrolebindingClusterAdmin",
            "rolebindingClusterAdminClusterRole",
            "rolebindingClusterAdminRole");

    private static final Set<String> POLARIS_OTHER = Set.of(
            "pullPolicyNotAlways",
            "resourceRange",
            "livenessProbeMissing",
            "readinessProbeMissing",
            "deploymentMissingReplicas",
            "hpaMaxAvailability",
            "hpaMinAvailability",
            "metadataAndInstanceMismatched",
            "missingPodDisruptionBudget",
            "nakedPod",
            "oneController",
            "pdbDisruptionsIsZero",
            "pdbMinAvailableGreaterThanHPAMinReplicas",
            "priorityClassNotSet",
            "tlsSettingsMissing",
            "topologySpreadConstraint");

    private static Decision polaris(String checkId) {
        String name = checkId.substring("polaris:".length());
        if (name.startsWith("webhook")) {
            Set<String> checks = new LinkedHashSet<>();
            for (String danger : POLARIS_WEBHOOK_DANGER) {
                for (String c : POLARIS.get(danger)) {
                    checks.add(c);
                }
            }
            return Decision.mapped(checks.toArray(String[]::new));
        }
        String[] checks = POLARIS.get(name);
        if (checks != null) {
            return Decision.mapped(checks);
        }
        if (POLARIS_OTHER.contains(name)) {
            return Decision.notInCatalogue(notInCatalogueReason(name));
        }
        throw new IllegalStateException("unreviewed polaris check: " + checkId);
    }

    // ---------------------------------------------------------------- kube-score

    private static final Map<String, String[]> KUBE_SCORE = new TreeMap<>(Map.ofEntries(
            Map.entry("pod-networkpolicy", new String[] {"netpol-workload-unselected"}),
            Map.entry("container-security-context-privileged", new String[] {"privileged-container"}),
            Map.entry("container-security-context-readonlyrootfilesystem", new String[] {"read-only-root-filesystem"}),
            Map.entry("container-security-context-user-group-id", new String[] {"run-as-non-root"}),
            Map.entry("container-seccomp-profile", new String[] {"seccomp-profile"}),
            Map.entry("container-image-tag", new String[] {"image-latest-tag"}),
            Map.entry("container-resources", new String[] {"resources-missing-limits", "resources-missing-requests"})));

    private static Decision kubeScore(String checkId, String config) {
        String name = checkId.substring("kube-score:".length());
        if (name.startsWith("(")) {
            return Decision.noVerdict("no per-check expectation");
        }
        if (name.equals("container-resources") && config.contains("IgnoreContainerCpuLimitRequirement: true")) {
            return Decision.notInCatalogue("verdict depends on kube-score's IgnoreContainer*LimitRequirement"
                    + " setting; Vigil always requires both limits");
        }
        String[] checks = KUBE_SCORE.get(name);
        if (checks != null) {
            return Decision.mapped(checks);
        }
        return Decision.notInCatalogue(notInCatalogueReason(name));
    }

    // ---------------------------------------------------------------- pod-security-admission

    private static Decision podSecurityAdmission(String checkId) {
        if (checkId.startsWith("PSS-baseline:")) {
            return Decision.pss("baseline");
        }
        if (checkId.startsWith("PSS-restricted:")) {
            return Decision.pss("restricted");
        }
        throw new IllegalStateException("unreviewed pod-security-admission row: " + checkId);
    }

    // ---------------------------------------------------------------- derived readings of applications

    private static final Map<String, String> DERIVED = new TreeMap<>(Map.ofEntries(
            Map.entry("default-deny-egress", "netpol-no-default-deny-egress"),
            Map.entry("default-deny-ingress", "netpol-no-default-deny-ingress"),
            Map.entry("pod-selected-by-netpol(egress)", "netpol-workload-unselected"),
            Map.entry("pod-selected-by-netpol(ingress)", "netpol-workload-unselected"),
            Map.entry("allowPrivilegeEscalation-false", "privilege-escalation"),
            Map.entry("capabilities-dangerous-add", "capabilities-added"),
            Map.entry("capabilities-drop-ALL", "capabilities-not-dropped"),
            Map.entry("hostIPC", "host-namespaces@hostIPC"),
            Map.entry("hostNetwork", "host-namespaces@hostNetwork"),
            Map.entry("hostPID", "host-namespaces@hostPID"),
            Map.entry("hostPath-volume", "host-path-volume"),
            Map.entry("hostPort", "host-port"),
            Map.entry("privileged", "privileged-container"),
            Map.entry("readOnlyRootFilesystem", "read-only-root-filesystem"),
            Map.entry("runAsNonRoot", "run-as-non-root"),
            Map.entry("seccompProfile", "seccomp-profile"),
            Map.entry("pss-enforce-label", "pss-namespace-unenforced,pss-namespace-weak"),
            Map.entry("automount-token", "sa-token-automount"),
            Map.entry("default-serviceaccount", "default-service-account"),
            Map.entry("secret-as-env-var", "secret-env-var"),
            Map.entry("secret-looking-env-literal", "secret-literal-env"),
            Map.entry("image-pinned-by-digest", "image-not-digest-pinned"),
            Map.entry("image-tag-not-latest", "image-latest-tag"),
            Map.entry("limits.cpu", "resources-missing-limits@limits.cpu"),
            Map.entry("limits.memory", "resources-missing-limits@limits.memory"),
            Map.entry("requests.cpu", "resources-missing-requests@requests.cpu"),
            Map.entry("requests.memory", "resources-missing-requests@requests.memory"),
            Map.entry("dapr-api-token-annotation", "dapr-api-token-missing"),
            Map.entry("dapr-component-scopes", "dapr-component-unscoped"),
            Map.entry("dapr-config-mtls", "dapr-mtls-disabled")));

    /** The Vigil checks of one derived check name of an application reading; empty when it has none. */
    static List<Target> derivedTargets(String name) {
        String c = DERIVED.get(name);
        return c == null
                ? List.of()
                : java.util.Arrays.stream(c.split(",")).map(Target::of).toList();
    }

    /** Checks of a family whose derived row says only "all-checked-pass". */
    private static final Map<String, String[]> DERIVED_FAMILY = Map.of(
            "C", new String[] {"pss-namespace-unenforced", "pss-namespace-weak"},
            "E", new String[] {"secret-env-var", "secret-literal-env", "secret-in-configmap"});

    private static final Set<String> DERIVED_OTHER = Set.of("livenessProbe", "readinessProbe", "imagePullPolicy");

    private static Decision derived(String checkId, String family) {
        if (!checkId.startsWith("derived:")) {
            throw new IllegalStateException("unreviewed row: " + checkId);
        }
        Set<String> checks = new LinkedHashSet<>();
        for (String name : checkId.substring("derived:".length()).split(",")) {
            String c = DERIVED.get(name);
            if (c != null) {
                checks.addAll(List.of(c.split(",")));
            } else if (name.equals("all-checked-pass") && DERIVED_FAMILY.containsKey(family)) {
                checks.addAll(List.of(DERIVED_FAMILY.get(family)));
            } else if (!DERIVED_OTHER.contains(name) && !name.equals("all-checked-pass")) {
                throw new IllegalStateException("unreviewed derived check: " + name);
            }
        }
        if (checks.isEmpty()) {
            return Decision.notInCatalogue("probes and pull policy are reliability, not security, checks");
        }
        return Decision.mapped(checks.toArray(String[]::new));
    }

    /** Why a peer check has no Vigil counterpart, by peer check name (or a word of it). */
    private static final Map<String, String> OUTSIDE = new TreeMap<>(Map.ofEntries(
            Map.entry("probe", "probes are reliability, not security"),
            Map.entry("pull", "image pull policy is not a security control Vigil checks (digest pinning is)"),
            Map.entry(
                    "resourceRange",
                    "polaris-configured CPU/memory bounds; Vigil checks that limits and requests" + " exist"),
            Map.entry("requests-equal-limits", "QoS tuning (requests equal to limits), not a security check"),
            Map.entry("ephemeral-storage", "ephemeral-storage sizing is not in the catalogue (CPU and memory are)"),
            Map.entry(
                    "networkpolicy-targets-pod",
                    "a policy that selects no pod is unused configuration; Vigil"
                            + " reports what is unprotected (workloads no policy selects), not unused policies"),
            Map.entry("tlsSettingsMissing", "Ingress TLS: Vigil does not watch Ingress (DESIGN §2 watched kinds)"),
            Map.entry("ports-check", "container port naming is hygiene"),
            Map.entry("environment-variable-key-duplication", "duplicate env keys are hygiene")));

    private static String notInCatalogueReason(String peerCheck) {
        String n = peerCheck.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : OUTSIDE.entrySet()) {
            if (n.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return "availability/hygiene (PDBs, replicas, autoscalers, affinity, services, CronJob and StatefulSet"
                + " settings, API versions): outside the security catalogue";
    }
}
