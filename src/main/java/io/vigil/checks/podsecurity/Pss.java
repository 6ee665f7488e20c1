package io.vigil.checks.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.Violation;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;

/**
 * Vocabulary shared by the Pod Security Standards checks: the two level controls and the pod-wide
 * conditions upstream's policy functions branch on (Kubernetes v1.37 pod-security-admission).
 */
final class Pss {
    static final String BASELINE = "PSS:baseline";
    static final String RESTRICTED = "PSS:restricted";

    private Pss() {}

    /** A violation of the baseline level. */
    static Violation baseline(String path, String observed, String expected, String message) {
        return Violation.of(path, observed, expected, message).withControls(BASELINE);
    }

    /** A violation of the restricted level. */
    static Violation restricted(String path, String observed, String expected, String message) {
        return Violation.of(path, observed, expected, message).withControls(RESTRICTED);
    }

    /**
     * {@code spec.os.name == "windows"}: upstream exempts such pods from restricted's
     * allowPrivilegeEscalation, capabilities and seccomp rules (API validation forbids those fields there).
     */
    static boolean isWindows(PodSpecView pod) {
        return "windows".equals(Json.text(pod.spec().path("os"), "name"));
    }

    /**
     * {@code spec.hostUsers: false}, a pod in a user namespace: upstream skips runAsNonRoot and runAsUser
     * and lets baseline allow any procMount.
     */
    static boolean inUserNamespace(PodSpecView pod) {
        return Json.isFalse(pod.spec().get("hostUsers"));
    }

    /** A struct-typed field that upstream sees as non-nil: present and an object. */
    static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }

    /** "container api", "init container setup", "ephemeral container debugger". */
    static String describe(ContainerView c) {
        String kind = switch (c.listField()) {
            case "initContainers" -> "init container";
            case "ephemeralContainers" -> "ephemeral container";
            default -> "container";
        };
        return kind + " " + c.name();
    }

    /** Quoted for messages; "unset" for null. */
    static String shown(String value) {
        return value == null ? "unset" : value.isEmpty() ? "\"\"" : value;
    }
}
