package io.vigil.checks.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Effective CPU and memory limits and requests of regular and init containers. Ephemeral containers are
 * skipped: the API forbids resources on them. A zero quantity means "none" (the kubelet sets no cgroup
 * limit for 0). A pod-level {@code spec.resources} value covers every container. An absent request
 * defaults to the container's limit, as the API server does on admission.
 */
final class ContainerResources {
    static final List<String> RESOURCES = List.of("memory", "cpu");
    private static final Pattern QUANTITY = Pattern.compile("([+-]?[0-9]*\\.?[0-9]*)([eE][+-]?[0-9]+)?[a-zA-Z]*");

    private ContainerResources() {}

    /** Containers that can carry resources: containers and initContainers. */
    static List<ContainerView> containers(PodSpecView pod) {
        return pod.containers().stream()
                .filter(c -> !"ephemeralContainers".equals(c.listField()))
                .toList();
    }

    /** {@code resources.<section>.<resource>} of a container or pod spec node; missing node when absent. */
    static JsonNode value(JsonNode owner, String section, String resource) {
        return owner.path("resources").path(section).path(resource);
    }

    /** Whether a quantity is present and not zero. */
    static boolean nonZero(JsonNode quantity) {
        String text = Json.text(quantity);
        if (text == null || text.isBlank()) {
            return false;
        }
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            return true;
        }
        try {
            return new BigDecimal(m.group(1)).signum() != 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** "unset", or the value as written, noting that zero means none. */
    static String observed(JsonNode quantity) {
        String text = Json.text(quantity);
        if (text == null || text.isBlank()) {
            return "unset";
        }
        return text + " (zero means none)";
    }

    /** One violation per container and resource for which {@code covered} is false. */
    static void uncovered(PodSpecView pod, String section, Coverage covered, String noun, Findings out) {
        for (ContainerView c : containers(pod)) {
            for (String resource : RESOURCES) {
                if (!covered.test(pod, c, resource)) {
                    out.add(Violation.of(
                            c.path("resources." + section + "." + resource),
                            observed(value(c.node(), section, resource)),
                            "a " + resource + " " + noun,
                            "container " + c.name() + " has no " + resource + " " + noun));
                }
            }
        }
    }

    /** Whether a container's resource is bounded as the check requires. */
    @FunctionalInterface
    interface Coverage {
        boolean test(PodSpecView pod, ContainerView container, String resource);
    }
}
