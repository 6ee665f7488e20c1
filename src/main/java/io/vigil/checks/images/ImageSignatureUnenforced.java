package io.vigil.checks.images;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * Flags namespaces where no admission policy enforces image signature verification, so unsigned or
 * tampered images are admitted (CIS 5.5.1, image provenance). Only when a signature-verification controller
 * is present (sigstore policy-controller's ClusterImagePolicy is served, or a Kyverno policy has
 * {@code verifyImages} rules); coverage rules in {@link SignaturePolicies}.
 */
public final class ImageSignatureUnenforced implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("image-signature-unenforced")
            .title("Image signatures not enforced in namespace")
            .severity(Severity.MEDIUM)
            .family(Family.IMAGES)
            .subjects(Kinds.NAMESPACE)
            .reads(Kinds.CLUSTER_IMAGE_POLICY, Kinds.KYVERNO_CLUSTER_POLICY, Kinds.KYVERNO_POLICY)
            .controls("CIS:5.5.1")
            .remediation("label the namespace policy.sigstore.dev/include=true (with an enforcing ClusterImagePolicy),"
                    + " or bring it under an enforcing Kyverno verifyImages policy")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        if (subject.name() == null
                || !SignaturePolicies.controllerPresent(view)
                || SignaturePolicies.covers(subject, view)) {
            return List.of();
        }
        return List.of(Violation.of(
                "metadata",
                "no enforcing signature-verification policy",
                "an enforcing ClusterImagePolicy or Kyverno verifyImages policy covering the namespace",
                "namespace " + subject.name() + " admits images without signature verification"));
    }
}
