package io.vigil.checks.dapr;

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
 * Flags a Dapr Component without top-level {@code scopes}: every Dapr app in the namespace can then use it
 * (read the state store, publish to the broker). Dapr reads only the top-level field; a {@code spec.scopes},
 * as some examples write it, is ignored, so it is flagged too and the message says to move it. The path is
 * always the missing top-level {@code scopes}, so moving the list resolves the finding.
 */
public final class DaprComponentUnscoped implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("dapr-component-unscoped")
            .title("Dapr component not scoped to apps")
            .severity(Severity.MEDIUM)
            .family(Family.DAPR)
            .subjects(Kinds.DAPR_COMPONENT)
            .remediation("add a top-level scopes list (a sibling of spec) naming the app ids that may use the"
                    + " component")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        if (!Json.texts(subject.at("scopes")).isEmpty()) {
            return List.of();
        }
        String expected = "top-level scopes listing the app ids allowed to use it";
        JsonNode misplaced = subject.at("spec", "scopes");
        if (Json.isSet(misplaced)) {
            return List.of(Violation.of(
                    "scopes",
                    "spec.scopes " + Json.render(misplaced) + " (ignored by Dapr)",
                    expected,
                    "Dapr component " + subject.name() + " puts its scopes under spec, where Dapr ignores"
                            + " them: move spec.scopes to the top level"));
        }
        String observed = Json.isSet(subject.at("scopes")) ? Json.render(subject.at("scopes")) : "unset";
        return List.of(Violation.of(
                "scopes",
                observed,
                expected,
                "Dapr component " + subject.name() + " is not scoped: every Dapr app in its namespace can use it"));
    }
}
