package io.vigil.conformance;

import io.vigil.conformance.ConformanceTest.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reviewed reasons for every disagreement with a peer: each cites the DESIGN §4 policy-stance row or the
 * documented semantics decision behind Vigil's verdict. Keyed by case ({@code source:path}) or by the peer's
 * verdict id (the {@code check_id} column); a reason also states the Vigil verdict it explains, so a reason
 * can never excuse a disagreement in the other direction.
 */
final class DisagreementReasons {
    private DisagreementReasons() {}

    record Reason(String vigil, String text) {}

    private static final Map<String, Reason> REASONS = new LinkedHashMap<>();

    private static void add(String key, String vigil, String text) {
        if (REASONS.put(key, new Reason(vigil, text)) != null) {
            throw new IllegalStateException("duplicate reason key " + key);
        }
    }

    static {
        // ---- kubeaudit
        add(
                "kubeaudit:apparmor:AppArmorAnnotationMissing",
                "pass",
                "PSS semantics (CHECKS.md: upstream v1.37"
                        + " wins): an unset AppArmor profile is the runtime default, which baseline and restricted accept;"
                        + " apparmor-unconfined flags only an explicit unconfined profile. kubeaudit requires the (deprecated)"
                        + " annotation on every container.");
        add(
                "kubeaudit:auditors/apparmor/fixtures/apparmor-invalid-annotation.yml",
                "pass",
                "The extra annotation"
                        + " names a container (container2) that does not exist, so it changes nothing; the real container runs"
                        + " the runtime/default profile, which PSS accepts.");
        add(
                "kubeaudit:auditors/asat/fixtures/service-account-token-nil-and-no-name-and-default-sa.yml",
                "fail",
                "Documented scan semantics (README: objects without a namespace are audited as applied to"
                        + " --namespace, default): the ServiceAccount with automount false lands in namespace default, not in"
                        + " the ReplicationController's namespace, whose own default ServiceAccount mounts the token"
                        + " (CHECKS.md sa-token-automount: pod value, else its ServiceAccount's, else true).");
        add(
                "kubeaudit:auditors/capabilities/fixtures/capabilities-dropped-all.yml",
                "fail",
                "PSS semantics"
                        + " (CHECKS.md: upstream wins): restricted matches the literal ALL in capabilities.drop; kubeaudit"
                        + " accepts lower-case all.");
        add(
                "kubeaudit:auditors/nonroot/fixtures/run-as-non-root-psc-false-csc-true*",
                "fail",
                "PSS semantics"
                        + " (CHECKS.md: upstream wins): restricted rejects an explicit pod-level runAsNonRoot: false even when"
                        + " every container sets true.");
        add(
                "kubeaudit:nonroot:none",
                "fail",
                "DESIGN §4 non-root UID row: a UID > 0 passes only together with"
                        + " runAsNonRoot: true (PSS restricted requires runAsNonRoot: true); kubeaudit accepts a non-zero"
                        + " runAsUser alone.");
        add(
                "kubeaudit:nonroot:RedundantAuditorOverride",
                "fail",
                "DESIGN §4 non-root UID row: a UID > 0 passes only"
                        + " together with runAsNonRoot: true; kubeaudit accepts runAsUser: 1 alone (and calls the override"
                        + " label redundant).");
        add(
                "kubeaudit:privileged:PrivilegedNil",
                "pass",
                "DESIGN §4 privileged row: privileged unset defaults to"
                        + " false and passes (PSS baseline agrees); kubeaudit warns on unset.");
        add(
                "kubeaudit:internal/test/fixtures/all_resources/podtemplate.yml|kubeaudit:all:AppArmorAnnotationMissing,"
                        + "SeccompProfileMissing",
                "pass",
                "Scope (DESIGN §2 watched kinds): a PodTemplate runs no pod, so"
                        + " pod-spec checks evaluate the workloads and pods that do, not PodTemplate objects.");

        // ---- polaris: RBAC
        add(
                "polaris:test/checks/*PodExecAttach/failure.get_*",
                "pass",
                "Documented semantics (rbac-exec-attach):"
                        + " only create (or *) on pods/exec or pods/attach lets a subject exec or attach; since Kubernetes"
                        + " 1.35 WebSocket upgrades need create as SPDY always did, so get alone grants no exec on v1.37.");
        add(
                "polaris:test/checks/*PodExecAttach/failure.binding_points_to_missing_ref.yaml",
                "pass",
                "Documented"
                        + " semantics (CHECKS.md rbac: rule-content checks attach to the Role/ClusterRole): a binding to a role"
                        + " that does not exist grants nothing, so there is no rule to report until the role appears.");
        add(
                "polaris:test/checks/*/failure.binding_to_system_prefix.yaml",
                "pass",
                "DESIGN §4: built-in RBAC"
                        + " objects (system: names, label kubernetes.io/bootstrapping=rbac-defaults) are excluded from the RBAC"
                        + " checks by default; --include-system reports the system:test role.");
        add(
                "polaris:test/checks/clusterrolePodExecAttach/success.defaultclusterrole_*",
                "fail",
                "DESIGN §4:"
                        + " built-in RBAC is recognised by system: names or the kubernetes.io/bootstrapping=rbac-defaults"
                        + " label, not by bare names; this admin/cluster-admin ClusterRole carries neither, so it is treated"
                        + " as user RBAC granting exec (the real built-in ones carry the label and are excluded).");
        add(
                "polaris:test/checks/*/success.gce_calico_*",
                "fail",
                "DESIGN §4: built-in RBAC is recognised by"
                        + " system: names or the rbac-defaults label only, not by polaris' list of vendor names"
                        + " (gce:podsecuritypolicy:calico-sa); the role granting everything is reported. The object"
                        + " carries no built-in marker (no rbac-defaults or addonmanager.kubernetes.io/mode label), gce:"
                        + " is no reserved prefix (anyone may name a */*/* role so), and such roles only granted use of a"
                        + " PodSecurityPolicy, an API removed in Kubernetes 1.25.");
        add(
                "polaris:test/checks/*PodExecAttach/success.system_prefix_binding.yaml",
                "fail",
                "Documented semantics"
                        + " (CHECKS.md rbac): exec/attach is reported on the role, here the user-created ClusterRole test"
                        + " (all wildcards) that a binding gives to testuser; the binding's exempt system: name does not"
                        + " change what the role grants.");
        add(
                "polaris:test/checks/rolebindingRolePodExecAttach/success.role_binding_cluster_role_binding.yaml",
                "fail",
                "Scope: polaris' rolebindingRolePodExecAttach looks only at bindings to Roles (its sibling"
                        + " rolebindingClusterRolePodExecAttach covers this binding to a ClusterRole); Vigil's single"
                        + " rbac-exec-attach reports the ClusterRole all-operations whatever binds it.");
        add(
                "polaris:rolebindingClusterAdminRole",
                "pass",
                "Documented semantics (CHECKS.md rbac-cluster-admin-binding:"
                        + " a binding to ClusterRole cluster-admin, or to a ClusterRole equivalent to it): an all-powerful"
                        + " namespaced Role is reported on the Role by rbac-wildcard-verb/rbac-wildcard-resource (high), not as"
                        + " a cluster-admin binding.");

        // ---- polaris: pod security
        add(
                "polaris:test/checks/insecureCapabilities/success.all.yaml",
                "fail",
                "PSS semantics (CHECKS.md:"
                        + " upstream wins): restricted matches the literal ALL in capabilities.drop; polaris accepts All.");
        add(
                "polaris:insecureCapabilities",
                "fail",
                "DESIGN §4 capabilities row: dropped, but not ALL, is a finding"
                        + " (PSS restricted requires drop ALL); polaris passes when its list of insecure capabilities is"
                        + " dropped.");
        add(
                "polaris:linuxHardening",
                "fail",
                "DESIGN §4 capabilities and seccomp rows (corpus DISAGREEMENTS.tsv"
                        + " \"partial capability drop\"): Vigil requires a RuntimeDefault/Localhost seccomp profile and drop"
                        + " ALL (PSS restricted); polaris linuxHardening passes with any one of seccomp, SELinux, AppArmor or"
                        + " some dropped capability.");
        add(
                "polaris:test/checks/runAsRootAllowed/*.yaml",
                "input error",
                "Invalid manifest: apiVersion v1 has no"
                        + " kind Deployment, so the API server would reject it; Vigil reports it as an input error (README:"
                        + " bad input is reported, exit 2) instead of judging it.");
        add(
                "polaris:test/webhook_cases/passing_test.deployment.annotations.yaml",
                "fail",
                "Vigil has no exemption"
                        + " annotations (exceptions are its mechanism, DESIGN §6, as for kubeaudit override labels): the"
                        + " polaris.fairwinds.com/exempt annotation does not hide allowPrivilegeEscalation: true (DESIGN §4).");

        // ---- polaris / kube-score: network
        add(
                "polaris:test/checks/missingNetworkPolicy/failure.netpol_missing_egress_rules.yaml",
                "pass",
                "DESIGN §4: policyTypes [Egress] with no egress rules is default-deny egress (corpus"
                        + " DISAGREEMENTS.tsv); the pod is selected, so netpol-workload-unselected passes.");
        add(
                "polaris:test/checks/missingNetworkPolicy/failure.*",
                "pass",
                "Documented semantics"
                        + " (netpol-workload-unselected, fixture pass-one-direction-is-enough): a pod selected by a policy in"
                        + " either direction is isolated by it; whether each direction is denied by default is the namespace"
                        + " checks' job (netpol-no-default-deny-ingress/-egress). polaris wants both directions' rules.");
        add(
                "kube-score:score/testdata/networkpolicy-matching-only-*",
                "pass",
                "Documented semantics"
                        + " (netpol-workload-unselected, fixture pass-one-direction-is-enough): a pod selected in one"
                        + " direction is selected; the other direction is covered per namespace by"
                        + " netpol-no-default-deny-ingress/-egress. kube-score warns unless both directions match.");

        // ---- kube-score: pod security, resources
        add(
                "kube-score:score/testdata/pod-seccomp-annotated*",
                "fail",
                "PSS semantics (CHECKS.md: upstream"
                        + " v1.37 wins): only securityContext.seccompProfile counts; the kubelet ignores the seccomp"
                        + " annotations since v1.27, and defaultProfileName was a PodSecurityPolicy annotation that never"
                        + " applied to a pod.");
        add(
                "kube-score:container-security-context-user-group-id",
                "fail",
                "DESIGN §4 non-root UID row: Vigil"
                        + " requires runAsNonRoot: true and accepts any UID > 0 with it (PSS); kube-score instead requires"
                        + " runAsUser and runAsGroup >= 10000 and no runAsNonRoot (corpus DISAGREEMENTS.tsv).");
        add(
                "kube-score:container-resources",
                "pass",
                "API defaulting (DESIGN §2: scans apply the API server's"
                        + " defaulting): an absent request defaults to the container's limit, so a container with limits has"
                        + " requests; kube-score warns when requests are not written out.");

        // ---- application readings (informational: a reading, not an oracle)
        add(
                "kubernetes-website:content/en/examples/security/podsecurity-restricted.yaml",
                "fail",
                "CHECKS.md"
                        + " pss-namespace-weak: a namespace needs the warn and audit labels besides enforce; this one has"
                        + " enforce and warn restricted but no audit label (the reading looked at the enforce label only).");
    }

    /** Reasons for object-level disagreements with an application reading, keyed by derived check and Vigil verdict. */
    private static final Map<String, String> READING = Map.of(
            "default-deny-ingress|pass",
                    "Scan semantics (README): the namespace checks report on Namespace objects in"
                            + " the scan; these manifest sets carry no Namespace, so netpol-no-default-deny-ingress has no subject"
                            + " (their workloads are reported by netpol-workload-unselected).",
            "default-deny-egress|pass",
                    "Scan semantics (README): the namespace checks report on Namespace objects in"
                            + " the scan; these manifest sets carry no Namespace, so netpol-no-default-deny-egress has no subject"
                            + " (their workloads are reported by netpol-workload-unselected).",
            "runAsNonRoot|fail",
                    "DESIGN §4 non-root UID row: a UID > 0 passes only together with runAsNonRoot: true"
                            + " (PSS restricted); the reading accepts runAsUser 1000/2000 alone.",
            "pss-enforce-label|fail",
                    "CHECKS.md pss-namespace-weak: the warn and audit labels are required besides"
                            + " enforce; the restricted example has no audit label.");

    static String readingReason(String derivedCheck, String vigil) {
        return READING.get(derivedCheck + "|" + vigil);
    }

    /** The reason explaining this disagreement, or null. */
    static String reasonFor(Result r) {
        String key = keyFor(r);
        return key == null ? null : REASONS.get(key).text();
    }

    /**
     * The key of the reason that explains this disagreement: the case with its peer check
     * ({@code source:path|check_id}), the case ({@code source:path}), then the peer check; a key may use
     * {@code *} for any run of characters but {@code |}. Only a reason stating Vigil's actual verdict applies.
     */
    private static String keyFor(Result r) {
        List<String> candidates = List.of(
                r.row().key() + "|" + r.row().checkId(), r.row().key(), r.row().checkId());
        for (String candidate : candidates) {
            Reason reason = REASONS.get(candidate);
            if (reason != null && reason.vigil().equals(r.vigil())) {
                return candidate;
            }
            for (Map.Entry<String, Reason> e : REASONS.entrySet()) {
                if (e.getKey().contains("*") && e.getValue().vigil().equals(r.vigil()) && glob(e.getKey(), candidate)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private static boolean glob(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("[^|]*");
            }
            regex.append(Pattern.quote(part));
        }
        return text.matches(regex.toString());
    }

    /** Keys of reasons that explain no disagreement of this run. */
    static List<String> unused(List<Result> results) {
        Set<String> used = new HashSet<>();
        for (Result r : results) {
            if (r.disagrees()) {
                String key = keyFor(r);
                if (key != null) {
                    used.add(key);
                }
            }
        }
        List<String> unused = new ArrayList<>(REASONS.keySet());
        unused.removeAll(used);
        return unused;
    }
}
