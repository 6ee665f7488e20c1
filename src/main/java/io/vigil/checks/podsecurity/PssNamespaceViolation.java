package io.vigil.checks.podsecurity;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Json;
import io.vigil.checks.podsecurity.PssLevels.Level;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * A running pod that violates the Pod Security level its namespace enforces
 * ({@code pod-security.kubernetes.io/enforce}): it was admitted before the label was set or tightened,
 * or by a path that bypassed admission, and is exactly what the label was meant to keep out. An
 * unparseable level counts as restricted, as upstream treats it; no label, {@code privileged}, or no
 * Namespace object in view means nothing to enforce.
 */
public final class PssNamespaceViolation implements Check {
    static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("pss-namespace-violation")
            .title("Running pod violates its namespace's Pod Security level")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD)
            .reads(Kinds.NAMESPACE)
            .scope(Scope.RUNNING_PODS)
            .remediation("fix the pod's controller so its pods meet the namespace's enforced level, then "
                    + "recreate the pods (admission only checks pods when they are created)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        String namespace =
                subject.namespace() == null || subject.namespace().isEmpty() ? "default" : subject.namespace();
        Optional<String> enforced = namespaceObject(view, namespace).map(PssNamespaceViolation::enforceLabel);
        if (enforced.isEmpty()) {
            return List.of();
        }
        Level level = Level.parse(enforced.get());
        List<String> violated = PssLevels.violated(subject, view, level);
        if (violated.isEmpty()) {
            return List.of();
        }
        return List.of(Violation.of(
                "spec",
                String.join(", ", violated),
                level.label(),
                "pod " + subject.name() + " violates the " + level.label() + " Pod Security level enforced on "
                        + "namespace " + namespace + " (" + String.join(", ", violated) + ")"));
    }

    private static String enforceLabel(KubeObject namespace) {
        return Json.text(namespace.at("metadata", "labels").get(ENFORCE_LABEL));
    }

    private static Optional<KubeObject> namespaceObject(ClusterView view, String name) {
        Optional<KubeObject> found = view.get(Kinds.NAMESPACE, null, name);
        return found.isPresent() ? found : view.get(Kinds.NAMESPACE, "", name);
    }
}
