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

/**
 * PSS restricted "Running as Non-root" and "Running as Non-root user": containers must be required to run
 * as non-root ({@code runAsNonRoot: true} at pod or container level, and never explicitly false) and
 * must not set {@code runAsUser: 0}. Pods in a user namespace ({@code hostUsers: false}) are exempt from
 * both since policy v1.35: their root is not the node's root.
 */
public final class RunAsNonRoot extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("run-as-non-root")
            .title("May run as root")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .controls("CIS:5.2.7")
            .remediation("set securityContext.runAsNonRoot: true (pod level, or on every container) and a "
                    + "non-zero runAsUser")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        if (Pss.inUserNamespace(pod)) {
            return;
        }
        runAsNonRoot(pod, out);
        runAsUser(pod, out);
    }

    private static void runAsNonRoot(PodSpecView pod, Findings out) {
        JsonNode podValue = pod.securityContext().get("runAsNonRoot");
        boolean podSet = Json.isSet(podValue);
        if (podSet && !Json.isTrue(podValue)) {
            out.add(Pss.restricted(
                    pod.path("securityContext.runAsNonRoot"),
                    Json.render(podValue),
                    "true",
                    "the pod sets runAsNonRoot " + Json.render(podValue)));
        }
        for (ContainerView c : pod.containers()) {
            JsonNode value = c.securityContext().get("runAsNonRoot");
            if (Json.isSet(value) && !Json.isTrue(value)) {
                out.add(Pss.restricted(
                        c.path("securityContext.runAsNonRoot"),
                        Json.render(value),
                        "true",
                        Pss.describe(c) + " sets runAsNonRoot " + Json.render(value)));
            } else if (!Json.isSet(value) && !podSet) {
                out.add(Pss.restricted(
                        c.path("securityContext.runAsNonRoot"),
                        "unset (and unset for the pod)",
                        "true",
                        Pss.describe(c) + " may run as root: runAsNonRoot is set neither on it nor on the pod"));
            }
        }
    }

    private static void runAsUser(PodSpecView pod, Findings out) {
        if (isZero(pod.securityContext().get("runAsUser"))) {
            out.add(Pss.restricted(
                    pod.path("securityContext.runAsUser"), "0", "a non-zero UID or unset", "the pod runs as UID 0"));
        }
        for (ContainerView c : pod.containers()) {
            if (isZero(c.securityContext().get("runAsUser"))) {
                out.add(Pss.restricted(
                        c.path("securityContext.runAsUser"),
                        "0",
                        "a non-zero UID or unset",
                        Pss.describe(c) + " runs as UID 0"));
            }
        }
    }

    private static boolean isZero(JsonNode uid) {
        if (uid == null) {
            return false;
        }
        return uid.isNumber()
                ? uid.doubleValue() == 0
                : uid.isTextual() && uid.asText().trim().equals("0");
    }
}
