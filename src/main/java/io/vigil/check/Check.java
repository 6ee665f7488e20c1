package io.vigil.check;

import io.vigil.model.KubeObject;
import java.util.List;

/**
 * A security check. Pure: no I/O, no clock, no state. Missing or odd fields are a normal case and
 * yield no violation or a violation, never an exception.
 */
public interface Check {
    CheckDescriptor descriptor();

    List<Violation> evaluate(KubeObject subject, ClusterView view);

    default String id() {
        return descriptor().id();
    }
}
