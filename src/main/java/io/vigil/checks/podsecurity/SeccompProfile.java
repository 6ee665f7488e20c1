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
import java.util.Set;

/**
 * PSS "Seccomp": a profile other than RuntimeDefault or Localhost (i.e. {@code Unconfined}) violates
 * baseline wherever it is set; restricted also requires a profile to be set, on the pod or on every
 * container. A container inherits the pod's profile, so a bad pod-level value is reported once, at the
 * pod. Windows pods are exempt from the restricted requirement (seccomp is Linux-only).
 */
public final class SeccompProfile extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("seccomp-profile")
            .title("Seccomp profile missing or unconfined")
            .severity(Severity.MEDIUM)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.7.2")
            .remediation("set spec.securityContext.seccompProfile.type to RuntimeDefault (or Localhost)")
            .build();

    private static final Set<String> ALLOWED = Set.of("RuntimeDefault", "Localhost");
    private static final String EXPECTED = "RuntimeDefault or Localhost";

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        JsonNode podProfile = pod.securityContext().path("seccompProfile");
        boolean podSet = Pss.isObject(podProfile);
        if (podSet && !allowed(podProfile)) {
            String type = Pss.shown(Json.text(podProfile, "type"));
            out.add(Pss.baseline(
                    pod.path("securityContext.seccompProfile.type"),
                    type,
                    EXPECTED,
                    "the pod sets seccomp profile " + type));
        }
        boolean required = !Pss.isWindows(pod);
        for (ContainerView c : pod.containers()) {
            JsonNode profile = c.securityContext().path("seccompProfile");
            if (Pss.isObject(profile)) {
                if (!allowed(profile)) {
                    String type = Pss.shown(Json.text(profile, "type"));
                    out.add(Pss.baseline(
                            c.path("securityContext.seccompProfile.type"),
                            type,
                            EXPECTED,
                            Pss.describe(c) + " sets seccomp profile " + type));
                }
            } else if (!podSet && required) {
                out.add(Pss.restricted(
                        c.path("securityContext.seccompProfile.type"),
                        "unset (and unset for the pod)",
                        EXPECTED,
                        Pss.describe(c) + " has no seccomp profile, on it or on the pod"));
            }
        }
    }

    private static boolean allowed(JsonNode profile) {
        String type = Json.text(profile, "type");
        return type != null && ALLOWED.contains(type);
    }
}
