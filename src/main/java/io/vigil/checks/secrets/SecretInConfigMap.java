package io.vigil.checks.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Json;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.SecretDetector;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ConfigMaps are not meant for secrets: they are readable by far more subjects than Secrets, are not
 * encrypted at rest by the usual EncryptionConfiguration, and end up in logs and Git. Text entries
 * ({@code data}) are judged by key name and value; {@code binaryData} entries by key name only (their
 * bytes say nothing reliable). The cluster CA bundle {@code kube-root-ca.crt} and certificates are public.
 */
public final class SecretInConfigMap implements Check {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("secret-in-configmap")
            .title("Secret-looking content in ConfigMap")
            .severity(Severity.HIGH)
            .family(Family.SECRETS)
            .subjects(Kinds.CONFIG_MAP)
            .controls("CIS:5.4.1")
            .remediation("move the entry into a Secret (and rotate it: it has been exposed) and mount that instead")
            .build();

    private static final String CLUSTER_CA_BUNDLE = "kube-root-ca.crt";

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        if (CLUSTER_CA_BUNDLE.equals(subject.name())) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : entries(subject.at("data"))) {
            String value = Json.text(e.getValue());
            Optional<String> reason = SecretDetector.inspect(e.getKey(), value);
            if (reason.isEmpty() && SecretDetector.isKeyFileName(e.getKey()) && value != null && !value.isBlank()) {
                reason = Optional.of("the key " + e.getKey() + " names key material");
            }
            reason.ifPresent(r -> out.add(violation(
                    subject, "data", e.getKey(), view.settings().masking().mask(value), r)));
        }
        for (Map.Entry<String, JsonNode> e : entries(subject.at("binaryData"))) {
            String key = e.getKey();
            if (SecretDetector.isSecretName(key) || SecretDetector.isKeyFileName(key)) {
                out.add(violation(
                        subject,
                        "binaryData",
                        key,
                        view.settings().masking().mask(Json.text(e.getValue())),
                        "the key " + key + " names a credential"));
            }
        }
        return out;
    }

    private static Violation violation(KubeObject cm, String field, String key, String masked, String reason) {
        return Violation.of(
                field + "[" + key + "]",
                masked,
                "no secrets in ConfigMaps (use a Secret)",
                "ConfigMap " + cm.name() + " key " + key + " looks secret: " + reason);
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode map) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (map != null && map.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = map.fields();
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
