package io.vigil.checks.serviceaccount;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;

/**
 * A workload should run as a ServiceAccount of its own, not the namespace's {@code default} one, which
 * every unconfigured pod shares, so that API permissions granted for one workload are not silently
 * granted to all. Leaving {@code serviceAccountName} unset means {@code default}; the deprecated
 * {@code serviceAccount} field is honoured. Reported whether or not the token is mounted: the identity
 * is shared either way ({@code sa-token-automount} reports the token).
 */
public final class DefaultServiceAccount extends PodSpecCheck {
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
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        if (ServiceAccounts.DEFAULT.equals(pod.serviceAccountName())) {
            out.add(Violation.of(
                    pod.path("serviceAccountName"),
                    ServiceAccounts.observedName(pod),
                    "a dedicated ServiceAccount",
                    pod.owner().kindKey() + " " + pod.owner().name() + " runs as the default ServiceAccount"));
        }
    }
}
