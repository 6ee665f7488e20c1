package io.vigil.checks.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Indexes;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Ownership;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Each workload should have its own ServiceAccount: when several share one, a permission granted for one
 * of them is granted to all, and the audit log cannot tell them apart. Only top-level workloads count
 * (DESIGN §2), and pods made by the same non-workload controller (e.g. a custom resource's operator)
 * count as one. The finding attaches to every sharing workload and names the others. The {@code default}
 * ServiceAccount is left to {@code default-service-account}.
 */
public final class SharedServiceAccount extends PodSpecCheck {
    private static final int MAX_NAMED = 10;
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("shared-service-account")
            .title("ServiceAccount shared by several workloads")
            .severity(Severity.LOW)
            .family(Family.SERVICE_ACCOUNT)
            .subjects(Kinds.POD_SPEC_KINDS)
            .readsThrough(Indexes.SERVICE_ACCOUNT)
            .remediation("give each workload its own ServiceAccount with only the permissions it needs")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected boolean judges(PodSpecView pod) {
        return !ServiceAccounts.DEFAULT.equals(pod.serviceAccountName());
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        KubeObject subject = pod.owner();
        String sa = pod.serviceAccountName();
        TreeSet<String> others = othersUsing(sa, subject, view);
        if (others.isEmpty()) {
            return;
        }
        out.add(Violation.of(
                pod.path("serviceAccountName"),
                sa + ", also used by " + describe(others),
                "a ServiceAccount used by this workload only",
                subject.kindKey() + " " + subject.name() + " shares ServiceAccount " + sa + " with " + others.size()
                        + " other workload" + (others.size() == 1 ? "" : "s")));
    }

    /**
     * Identities of the other top-level workloads in the namespace that run as {@code sa}, sorted: from the
     * ServiceAccount index, so the cost is that of the sharers, not of the namespace.
     */
    private static TreeSet<String> othersUsing(String sa, KubeObject subject, ClusterView view) {
        String self = identity(subject);
        TreeSet<String> out = new TreeSet<>();
        for (String kind : Kinds.POD_SPEC_KINDS) {
            for (KubeObject other : view.indexed(Indexes.SERVICE_ACCOUNT, kind, subject.namespace(), sa)) {
                String id = identity(other);
                if (!Objects.equals(id, self)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /**
     * {@code Kind/name} of the workload: a pod's non-workload controller if it has one (a Node is no
     * workload: its static pods are unrelated), else the object itself.
     */
    private static String identity(KubeObject o) {
        Optional<String> controller = Ownership.controllerKind(o).filter(kind -> !"Node".equals(kind));
        if (controller.isPresent()) {
            String name = controllerName(o);
            return controller.get() + "/" + (name == null ? "?" : name);
        }
        return o.kindKey() + "/" + o.name();
    }

    private static String controllerName(KubeObject o) {
        for (JsonNode ref : Json.elements(o.at("metadata", "ownerReferences"))) {
            if (Json.isTrue(ref.get("controller"))) {
                return Json.text(ref, "name");
            }
        }
        return null;
    }

    private static String describe(TreeSet<String> others) {
        List<String> named = others.stream().limit(MAX_NAMED).toList();
        String text = String.join(", ", named);
        return others.size() > MAX_NAMED ? text + " and " + (others.size() - MAX_NAMED) + " more" : text;
    }
}
