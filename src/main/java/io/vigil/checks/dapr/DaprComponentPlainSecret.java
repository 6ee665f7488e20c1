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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Flags Dapr Component metadata whose secret-looking literal {@code value} sits in the manifest (and in etcd,
 * Git, every backup) instead of behind a {@code secretKeyRef}. The value is only ever shown masked.
 * Which names and values look secret: {@link SecretValues}.
 */
public final class DaprComponentPlainSecret implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("dapr-component-plain-secret")
            .title("Dapr component holds a plain-text secret")
            .severity(Severity.HIGH)
            .family(Family.DAPR)
            .subjects(Kinds.DAPR_COMPONENT)
            .remediation("store the value in a Secret (or secret store) and reference it with secretKeyRef"
                    + " {name, key}, with auth.secretStore set")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<JsonNode> entries = Json.elements(subject.at("spec", "metadata"));
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String name = Json.text(entry, "name");
            String value = Json.text(entry, "value");
            if (!SecretValues.isSecret(name, value)) {
                continue;
            }
            boolean unique = name != null && !name.isEmpty() && seen.add(name);
            String element = unique ? "spec.metadata[name=" + name + "].value" : "spec.metadata[" + i + "].value";
            String label = name == null ? "#" + i : name;
            out.add(Violation.of(
                    element,
                    view.settings().masking().mask(value),
                    "a secretKeyRef",
                    "Dapr component " + subject.name() + " holds metadata " + label + " as a plain-text secret"));
        }
        return out;
    }
}
