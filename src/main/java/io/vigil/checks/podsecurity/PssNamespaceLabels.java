package io.vigil.checks.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.support.Json;
import io.vigil.model.KubeObject;

/**
 * Reads a Namespace's Pod Security admission labels the way the admission plugin does: a level is
 * {@code privileged}, {@code baseline} or {@code restricted} (case-sensitive); any other value is
 * invalid, and admission then evaluates {@code restricted} and reports an error.
 */
final class PssNamespaceLabels {
    static final String ENFORCE = "pod-security.kubernetes.io/enforce";
    static final String WARN = "pod-security.kubernetes.io/warn";
    static final String AUDIT = "pod-security.kubernetes.io/audit";

    /** How a mode label reads. */
    enum Reading {
        UNSET,
        PRIVILEGED,
        BASELINE,
        RESTRICTED,
        INVALID
    }

    private PssNamespaceLabels() {}

    /** The label's raw scalar value, or null when absent, null or not a scalar. */
    static String value(KubeObject namespace, String label) {
        JsonNode labels = namespace.at("metadata", "labels");
        return labels.isObject() ? Json.text(labels.get(label)) : null;
    }

    static Reading read(KubeObject namespace, String label) {
        String v = value(namespace, label);
        if (v == null) {
            return Reading.UNSET;
        }
        return switch (v) {
            case "privileged" -> Reading.PRIVILEGED;
            case "baseline" -> Reading.BASELINE;
            case "restricted" -> Reading.RESTRICTED;
            default -> Reading.INVALID;
        };
    }

    /** {@code metadata.labels[pod-security.kubernetes.io/enforce]}. */
    static String path(String label) {
        return "metadata.labels[" + label + "]";
    }

    /** "unset", or the value quoted as written. */
    static String observed(KubeObject namespace, String label) {
        String v = value(namespace, label);
        return v == null ? "unset" : v;
    }
}
