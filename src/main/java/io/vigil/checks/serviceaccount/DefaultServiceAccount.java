package io.vigil.checks.serviceaccount;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * A workload should run as a ServiceAccount of its own, not the namespace's {@code default} one, which
 * every unconfigured pod shares, so that API permissions granted for one workload are not silently
 * granted to all. Leaving {@code serviceAccountName} unset means {@code default}; the deprecated
 * {@code serviceAccount} field is honoured. Reported whether or not the token is mounted: the identity
 * is shared either way ({@code sa-token-automount} reports the token).
 */
public final class DefaultServiceAccount implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("default-service-account")
            .title("Workload runs as the default ServiceAccount")
            .severity(Severity.MEDIUM)
            .family(Family.SERVICE_ACCOUNT)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.1.5")
            .remediation("create a dedicated ServiceAccount for the workload and set serviceAccountName to it")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return PodSpecView.of(subject)
                .filter(pod -> ServiceAccounts.DEFAULT.equals(pod.serviceAccountName()))
                .map(pod -> List.of(Violation.of(
                        pod.path("serviceAccountName"),
                        ServiceAccounts.observedName(pod),
                        "a dedicated ServiceAccount",
                        subject.kindKey() + " " + subject.name() + " runs as the default ServiceAccount")))
                .orElse(List.of());
    }
}
