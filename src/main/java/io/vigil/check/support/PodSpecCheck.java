package io.vigil.check.support;

import io.vigil.check.Check;
import io.vigil.check.ClusterView;
import io.vigil.check.Violation;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.KubeObject;
import io.vigil.model.Unreadable;
import java.util.List;

/**
 * The base of every check that judges one pod spec (a Pod's own or a workload's template) without reading
 * other objects; subjects without a pod spec yield nothing. A check judges the whole pod spec ({@link #check})
 * or, by default, each container on its own ({@link #inspect}). Every check de-duplicates the same way, in
 * {@link Findings}: at most one violation per path, the first, so malformed input (two containers of the same
 * name, a capability or an env var listed twice) never yields two findings with one identity. A field the object
 * holds but cannot read as its type is reported by every check whose verdict depends on it
 * ({@link UnreadableFields}), never read as unset.
 */
public abstract class PodSpecCheck implements Check {

    @Override
    public final List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return PodSpecView.of(subject)
                .filter(this::judges)
                .map(pod -> {
                    List<Violation> plain = violations(pod, view);
                    return Unreadable.in(subject.body())
                            ? UnreadableFields.report(pod, plain, p -> judges(p) ? violations(p, view) : List.of())
                            : plain;
                })
                .orElse(List.of());
    }

    private List<Violation> violations(PodSpecView pod, ClusterView view) {
        Findings out = new Findings();
        check(pod, view, out);
        return out.list();
    }

    /** Whether this pod spec is judged at all (e.g. Windows pods are exempt from some controls); default yes. */
    protected boolean judges(PodSpecView pod) {
        return true;
    }

    /** Adds the violations of this pod spec; by default those {@link #inspect} finds in each container in order. */
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        for (ContainerView c : pod.containers()) {
            inspect(c, view, out);
        }
    }

    /**
     * Adds this container's violations; {@code view} gives the settings (masking). Checks that judge the pod
     * spec as a whole override {@link #check} instead and leave this one adding nothing.
     */
    protected void inspect(ContainerView container, ClusterView view, Findings out) {}
}
