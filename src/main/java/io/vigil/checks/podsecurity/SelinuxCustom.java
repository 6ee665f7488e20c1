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
 * PSS baseline "SELinux": a custom SELinux type (e.g. {@code spc_t}) or any user or role lifts the
 * container out of the confinement the runtime's policy gives it. Pod and container level are judged
 * separately, as upstream does; {@code level} is free.
 */
public final class SelinuxCustom extends PodSpecCheck {
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("selinux-custom")
            .title("Custom SELinux options")
            .severity(Severity.HIGH)
            .family(Family.POD_SECURITY)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("remove seLinuxOptions.user and .role, and use a container_* type "
                    + "(container_t, container_init_t, container_kvm_t, container_engine_t) or none")
            .build();

    /** Upstream {@code selinuxAllowedTypes1_31}. */
    static final Set<String> ALLOWED_TYPES =
            Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        inspect(
                pod.securityContext().path("seLinuxOptions"),
                pod.path("securityContext.seLinuxOptions"),
                "the pod",
                out);
        for (ContainerView c : pod.containers()) {
            inspect(
                    c.securityContext().path("seLinuxOptions"),
                    c.path("securityContext.seLinuxOptions"),
                    Pss.describe(c),
                    out);
        }
    }

    private static void inspect(JsonNode options, String path, String who, Findings out) {
        if (!Pss.isObject(options)) {
            return;
        }
        String type = Json.text(options, "type");
        if (type != null && !ALLOWED_TYPES.contains(type)) {
            out.add(Pss.baseline(
                    path + ".type",
                    type,
                    "unset or container_t, container_init_t, container_kvm_t, " + "container_engine_t",
                    who + " sets SELinux type " + type));
        }
        for (String field : new String[] {"user", "role"}) {
            String value = Json.text(options, field);
            if (value != null && !value.isEmpty()) {
                out.add(Pss.baseline(path + "." + field, value, "unset", who + " sets SELinux " + field + " " + value));
            }
        }
    }
}
