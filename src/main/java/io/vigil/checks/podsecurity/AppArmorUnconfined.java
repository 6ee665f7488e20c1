package io.vigil.checks.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * PSS baseline "AppArmor": the runtime's default AppArmor profile may not be overridden with
 * {@code Unconfined}, through the {@code appArmorProfile} field (pod or container) or through the
 * deprecated {@code container.apparmor.security.beta.kubernetes.io/*} annotation, which upstream still
 * enforces.
 */
public final class AppArmorUnconfined extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("apparmor-unconfined")
            .title("AppArmor unconfined")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("set securityContext.appArmorProfile.type to RuntimeDefault or Localhost, and remove "
                    + "unconfined AppArmor annotations")
            .build();

    static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
    private static final Set<String> ALLOWED_TYPES = Set.of("RuntimeDefault", "Localhost");
    private static final String FIELD_EXPECTED = "RuntimeDefault or Localhost";

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        JsonNode podProfile = pod.securityContext().path("appArmorProfile");
        if (Pss.isObject(podProfile) && !allowedType(Json.text(podProfile, "type"))) {
            String type = Pss.shown(Json.text(podProfile, "type"));
            out.add(Pss.baseline(
                    pod.path("securityContext.appArmorProfile.type"),
                    type,
                    FIELD_EXPECTED,
                    "the pod sets AppArmor profile " + type));
        }
        for (ContainerView c : pod.containers()) {
            JsonNode profile = c.securityContext().path("appArmorProfile");
            if (Pss.isObject(profile) && !allowedType(Json.text(profile, "type"))) {
                String type = Pss.shown(Json.text(profile, "type"));
                out.add(Pss.baseline(
                        c.path("securityContext.appArmorProfile.type"),
                        type,
                        FIELD_EXPECTED,
                        Pss.describe(c) + " sets AppArmor profile " + type));
            }
        }
        annotations(pod, out);
    }

    private static void annotations(PodSpecView pod, Findings out) {
        JsonNode annotations = pod.metadata().path("annotations");
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = Json.text(e.getValue());
            if (e.getKey().startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(value)) {
                String container = e.getKey().substring(ANNOTATION_PREFIX.length());
                out.add(Pss.baseline(
                        pod.metadataPath("annotations[" + e.getKey() + "]"),
                        value,
                        "runtime/default or localhost/<profile>",
                        "the AppArmor annotation runs container " + container + " " + value));
            }
        }
    }

    private static boolean allowedType(String type) {
        return type != null && ALLOWED_TYPES.contains(type);
    }

    private static boolean allowedAnnotation(String value) {
        return value == null || value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/");
    }
}
