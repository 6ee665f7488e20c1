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
import io.vigil.model.Severity;
import java.util.List;

/**
 * Secrets consumed as environment variables ({@code env[].valueFrom.secretKeyRef},
 * {@code envFrom[].secretRef}) leak into crash dumps, {@code /proc/<pid>/environ}, child processes and
 * debug endpoints, and never rotate without a restart; mounting the Secret as a file avoids all of that
 * (CIS 5.4.1, DESIGN §4: a low finding).
 */
public final class SecretEnvVar extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("secret-env-var")
            .title("Secret consumed as environment variable")
            .severity(Severity.LOW)
            .family(Family.SECRETS)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.4.1")
            .remediation("mount the Secret as a volume (read-only) and read the value from the file instead of "
                    + "an environment variable")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void inspect(ContainerView c, ClusterView view, Findings out) {
        envRefs(c, out);
        envFromRefs(c, out);
    }

    private static void envRefs(ContainerView c, Findings out) {
        List<JsonNode> env = Json.elements(c.node().get("env"));
        for (int i = 0; i < env.size(); i++) {
            JsonNode ref = env.get(i).path("valueFrom").path("secretKeyRef");
            if (!ref.isObject()) {
                continue;
            }
            String var = Json.text(env.get(i), "name");
            String path = c.path(EnvPaths.element(env.get(i), i) + ".valueFrom.secretKeyRef");
            out.add(Violation.of(
                    path,
                    "secret " + display(Json.text(ref, "name")) + ", key " + display(Json.text(ref, "key")),
                    "the Secret mounted as a file",
                    "container " + c.name() + " reads Secret " + display(Json.text(ref, "name"))
                            + " into environment variable " + display(var)));
        }
    }

    private static void envFromRefs(ContainerView c, Findings out) {
        List<JsonNode> envFrom = Json.elements(c.node().get("envFrom"));
        for (int i = 0; i < envFrom.size(); i++) {
            JsonNode ref = envFrom.get(i).path("secretRef");
            if (!ref.isObject()) {
                continue;
            }
            String secret = Json.text(ref, "name");
            String path = c.path(secret == null ? "envFrom[" + i + "].secretRef" : "envFrom[secretRef=" + secret + "]");
            out.add(Violation.of(
                    path,
                    "every key of secret " + display(secret),
                    "the Secret mounted as a file",
                    "container " + c.name() + " imports Secret " + display(secret) + " as environment variables"));
        }
    }

    private static String display(String s) {
        return s == null ? "(unnamed)" : s;
    }
}
