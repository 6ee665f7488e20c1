package io.vigil.checks.dapr;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Json;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/**
 * Flags a Dapr Configuration that turns mutual TLS off: sidecar-to-sidecar traffic then travels in clear text
 * and services no longer authenticate each other. Unset means Dapr's default (on) and passes.
 */
public final class DaprMtlsDisabled implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("dapr-mtls-disabled")
            .title("Dapr mTLS disabled")
            .severity(Severity.CRITICAL)
            .family(Family.DAPR)
            .subjects(Kinds.DAPR_CONFIGURATION)
            .remediation("set spec.mtls.enabled to true (or remove it: Dapr enables mTLS by default)")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        if (!Json.isFalse(subject.at("spec", "mtls", "enabled"))) {
            return List.of();
        }
        return List.of(Violation.of(
                "spec.mtls.enabled",
                "false",
                "true or unset",
                "Dapr configuration " + subject.name() + " disables mTLS between sidecars"));
    }
}
