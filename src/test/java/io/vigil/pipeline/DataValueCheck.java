package io.vigil.pipeline;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.List;

/** A test check reporting each ConfigMap's {@code data.value}; {@link #seen} watches every evaluation. */
abstract class DataValueCheck implements Check {
    private final CheckDescriptor descriptor;

    DataValueCheck(String id) {
        this.descriptor = CheckDescriptor.builder(id)
                .title("reports data.value")
                .severity(Severity.LOW)
                .family(Family.SECRETS)
                .subjects(Kinds.CONFIG_MAP)
                .controls("SOC2:CC6.1")
                .remediation("none")
                .build();
    }

    /** Called on the evaluating thread before the violation is returned. */
    abstract void seen(String value);

    @Override
    public CheckDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        String value = subject.at("data", "value").asText();
        seen(value);
        return List.of(Violation.of("data.value", value, "anything", "observed " + value));
    }
}
