package io.vigil.check.support;

import io.vigil.check.Check;
import io.vigil.check.ClusterView;
import io.vigil.check.Violation;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A check that judges each container of a pod spec (a Pod's own or a workload's template) on its own,
 * without reading other objects; subjects without a pod spec yield nothing. Violations are kept in
 * container order exactly as {@link #inspect} adds them: unlike the pod-security checks' {@code Findings},
 * nothing is de-duplicated here, so a check that must not repeat a path keeps its own set.
 */
public abstract class ContainerCheck implements Check {

    @Override
    public final List<Violation> evaluate(KubeObject subject, ClusterView view) {
        List<Violation> out = new ArrayList<>();
        PodSpecView.of(subject).filter(this::judges).ifPresent(pod -> {
            for (ContainerView c : pod.containers()) {
                inspect(c, view, out);
            }
        });
        return out;
    }

    /** Whether this pod spec is judged at all (e.g. Windows pods are exempt from some controls); default yes. */
    protected boolean judges(PodSpecView pod) {
        return true;
    }

    /** Adds this container's violations, if any, to {@code out}; {@code view} gives the settings (masking). */
    protected abstract void inspect(ContainerView container, ClusterView view, List<Violation> out);
}
