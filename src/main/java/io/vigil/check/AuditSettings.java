package io.vigil.check;

import io.vigil.model.Masking;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit policy knobs that checks and the evaluator read.
 *
 * @param allowedRegistries image registry prefixes; empty means "not configured" (the check stays silent)
 * @param masking how secret-looking values are shown: keyed with the installation's key, or length only
 */
public record AuditSettings(
        String cluster,
        Set<String> systemNamespaces,
        boolean includeSystem,
        List<String> allowedRegistries,
        Map<String, Severity> severityOverrides,
        Masking masking) {
    public static final Set<String> DEFAULT_SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");

    public AuditSettings {
        systemNamespaces = Set.copyOf(systemNamespaces);
        allowedRegistries = List.copyOf(allowedRegistries);
        severityOverrides = Map.copyOf(severityOverrides);
        masking = masking == null ? Masking.unkeyed() : masking;
    }

    /** Settings without a mask key: masked values show only their length. */
    public AuditSettings(
            String cluster,
            Set<String> systemNamespaces,
            boolean includeSystem,
            List<String> allowedRegistries,
            Map<String, Severity> severityOverrides) {
        this(cluster, systemNamespaces, includeSystem, allowedRegistries, severityOverrides, Masking.unkeyed());
    }

    public static AuditSettings defaults() {
        return new AuditSettings("default", DEFAULT_SYSTEM_NAMESPACES, false, List.of(), Map.of());
    }

    public AuditSettings withCluster(String name) {
        return new AuditSettings(name, systemNamespaces, includeSystem, allowedRegistries, severityOverrides, masking);
    }

    public AuditSettings withIncludeSystem(boolean value) {
        return new AuditSettings(cluster, systemNamespaces, value, allowedRegistries, severityOverrides, masking);
    }

    public AuditSettings withAllowedRegistries(List<String> value) {
        return new AuditSettings(cluster, systemNamespaces, includeSystem, value, severityOverrides, masking);
    }

    public AuditSettings withMasking(Masking value) {
        return new AuditSettings(cluster, systemNamespaces, includeSystem, allowedRegistries, severityOverrides, value);
    }

    public boolean isSystemNamespace(String namespace) {
        return namespace != null && systemNamespaces.contains(namespace);
    }
}
