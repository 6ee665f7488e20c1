package io.vigil.checks.podsecurity;

import io.vigil.check.Check;
import io.vigil.check.ClusterView;
import io.vigil.check.Violation;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.KubeObject;
import java.util.List;

/** A check that judges one pod spec, a Pod's own or a workload's template, without reading other objects. */
abstract class PodSpecCheck implements Check {

    @Override
    public final List<Violation> evaluate(KubeObject subject, ClusterView view) {
        return PodSpecView.of(subject).map(this::inspect).orElse(List.of());
    }

    private List<Violation> inspect(PodSpecView pod) {
        Findings out = new Findings();
        check(pod, out);
        return out.list();
    }

    abstract void check(PodSpecView pod, Findings out);
}
