package io.vigil.checks.controlplane;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * Flags a kube-apiserver without {@code --encryption-provider-config}: Secrets are then stored in etcd in
 * plain text, readable from any etcd backup or disk (CIS 1.2.27; the providers it names are CIS 1.2.28 and
 * cannot be seen from the pod).
 */
public final class ApiServerEncryptionAtRestDisabled implements Check {
    static final String FLAG = "--encryption-provider-config";

    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("apiserver-encryption-at-rest-disabled")
            .title("API server encryption at rest disabled")
            .severity(Severity.HIGH)
            .family(Family.CONTROL_PLANE)
            .subjects(Kinds.POD)
            .scope(Scope.SYSTEM)
            .controls("CIS:1.2.27", "CIS:1.2.28")
            .remediation("write an EncryptionConfiguration (kms v2, aescbc or secretbox for secrets) and point"
                    + " --encryption-provider-config at it, then rewrite existing secrets")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return ApiServerFlags.of(subject)
                .filter(apiserver -> !apiserver.hasValue(FLAG))
                .map(apiserver -> List.of(Violation.of(
                        apiserver.path(FLAG),
                        apiserver.flag(FLAG).isPresent() ? "empty" : "unset",
                        "a path to an EncryptionConfiguration",
                        "kube-apiserver in pod " + subject.name() + " runs without " + FLAG
                                + ", so Secrets are stored unencrypted in etcd")))
                .orElse(List.of());
    }
}
