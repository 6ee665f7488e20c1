package io.vigil.checks.resources;

import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.support.Findings;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.Kinds;
import io.vigil.model.Severity;

/**
 * Every container (init containers too) needs a memory and a CPU limit, or one runaway or compromised
 * pod can starve its node's neighbours; a pod-level limit also bounds the containers. Each missing limit
 * is its own finding. LimitRange defaults are not visible to Vigil and do not count.
 */
public final class ResourcesMissingLimits extends PodSpecCheck {
    private static final String SECTION = "limits";
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("resources-missing-limits")
            .title("Container without resource limits")
            .severity(Severity.MEDIUM)
            .family(Family.RESOURCES)
            .subjects(Kinds.POD_SPEC_KINDS)
            .remediation("set resources.limits.memory and resources.limits.cpu on every container")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        ContainerResources.uncovered(pod, SECTION, ResourcesMissingLimits::limited, "limit", out);
    }

    private static boolean limited(PodSpecView pod, ContainerView c, String resource) {
        return ContainerResources.nonZero(ContainerResources.value(c.node(), SECTION, resource))
                || ContainerResources.nonZero(ContainerResources.value(pod.spec(), SECTION, resource));
    }
}
