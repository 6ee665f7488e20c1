package io.vigil.checks.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.SecretDetector;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * A secret written as a literal env {@code value} sits in plain text in the manifest, in Git, in the
 * object's stored spec and in everything that can read workloads. The value is only ever shown masked.
 */
public final class SecretLiteralEnv extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("secret-literal-env")
            .title("Secret-looking literal in environment variable")
            .severity(Severity.HIGH)
            .family(Family.SECRETS)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.4.1")
            .remediation("move the value into a Secret (and rotate it: it has been exposed), then mount the Secret "
                    + "as a file")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void inspect(ContainerView c, ClusterView view, Findings out) {
        List<JsonNode> env = Json.elements(c.node().get("env"));
        for (int i = 0; i < env.size(); i++) {
            String name = Json.text(env.get(i), "name");
            String value = Json.text(env.get(i), "value");
            Optional<String> reason = SecretDetector.inspect(name, value);
            String path = c.path(EnvPaths.element(env.get(i), i) + ".value");
            if (reason.isPresent()) {
                out.add(Violation.of(
                        path,
                        view.settings().masking().mask(value),
                        "no literal secret (valueFrom a Secret, mounted " + "as a file)",
                        "container " + c.name() + " sets " + (name == null ? "an env var" : name)
                                + " to a literal that looks secret: " + reason.get()));
            }
        }
    }
}
