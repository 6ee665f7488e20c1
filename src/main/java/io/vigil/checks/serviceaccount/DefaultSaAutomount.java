package io.vigil.checks.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
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
 * CIS 5.1.5: every pod that names no ServiceAccount runs as its namespace's {@code default} one, so the
 * default account itself should not hand out a token. Attaches to the ServiceAccount object, which is
 * where the fix goes; {@code sa-token-automount} reports the pods that do mount one.
 */
public final class DefaultSaAutomount implements Check {
    private static final String FIELD = "automountServiceAccountToken";
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("default-sa-automount")
            .title("Default ServiceAccount automounts its token")
            .severity(Severity.LOW)
            .family(Family.SERVICE_ACCOUNT)
            .subjects(Kinds.SERVICE_ACCOUNT)
            .controls("CIS:5.1.5")
            .remediation("set automountServiceAccountToken: false on the namespace's default ServiceAccount")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        if (!ServiceAccounts.DEFAULT.equals(subject.name())) {
            return List.of();
        }
        JsonNode value = subject.at(FIELD);
        if (Json.isFalse(value)) {
            return List.of();
        }
        String observed = Json.isTrue(value) ? "true" : "unset (defaults to true)";
        return List.of(Violation.of(
                FIELD,
                observed,
                "false",
                "the default ServiceAccount of namespace " + subject.namespace() + " automounts its API token"));
    }
}
