package io.vigil.checks.resources;

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
 * Every container (init containers too) needs a memory and a CPU request so the scheduler reserves what
 * it uses and the pod is not first in line for eviction. Effective values count: an absent request
 * defaults to the container's limit (API server defaulting), and pod-level requests or limits cover
 * all containers. An explicit zero request is a finding.
 */
public final class ResourcesMissingRequests extends PodSpecCheck {
    private static final String SECTION = "requests";
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("resources-missing-requests")
            .title("Container without resource requests")
            .severity(Severity.LOW)
            .family(Family.RESOURCES)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("set resources.requests.memory and resources.requests.cpu on every container")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        ContainerResources.uncovered(pod, SECTION, ResourcesMissingRequests::requested, "request", out);
    }

    private static boolean requested(PodSpecView pod, ContainerView c, String resource) {
        JsonNode own = ContainerResources.value(c.node(), SECTION, resource);
        if (Json.isSet(own)) {
            return ContainerResources.nonZero(own);
        }
        return ContainerResources.nonZero(ContainerResources.value(c.node(), "limits", resource))
                || ContainerResources.nonZero(ContainerResources.value(pod.spec(), SECTION, resource))
                || ContainerResources.nonZero(ContainerResources.value(pod.spec(), "limits", resource));
    }
}
