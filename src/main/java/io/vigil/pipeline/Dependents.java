package io.vigil.pipeline;

import io.vigil.check.Check;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Which subjects a change re-queues (DESIGN §2): a change to a kind that some check reads re-queues that
 * check's subjects in the same namespace (a NetworkPolicy re-queues its Namespace and the workloads in
 * it), or everywhere when the changed object is cluster-scoped (a ClusterRoleBinding re-queues roles).
 */
final class Dependents {
    private final Map<String, Set<String>> subjectsByReadKind = new HashMap<>();

    Dependents(List<Check> checks) {
        for (Check check : checks) {
            for (String read : check.descriptor().readsKinds()) {
                subjectsByReadKind
                        .computeIfAbsent(read, k -> new HashSet<>())
                        .addAll(check.descriptor().subjectKinds());
            }
        }
    }

    /**
     * @param keys lists the cached keys of a kind in a namespace (null namespace = all namespaces)
     */
    List<ResourceKey> of(ResourceKey changed, BiFunction<String, String, List<ResourceKey>> keys) {
        Set<String> subjects = subjectsByReadKind.getOrDefault(changed.kind(), Set.of());
        if (subjects.isEmpty()) {
            return List.of();
        }
        String namespace = Kinds.NAMESPACE.equals(changed.kind()) ? changed.name() : changed.namespace();
        List<ResourceKey> out = new ArrayList<>();
        for (String subject : subjects) {
            if (Kinds.NAMESPACE.equals(subject)) {
                out.addAll(
                        namespace == null
                                ? keys.apply(subject, null)
                                : List.of(new ResourceKey(Kinds.NAMESPACE, null, namespace)));
            } else if (Kinds.isNamespaced(subject) && namespace != null) {
                out.addAll(keys.apply(subject, namespace));
            } else {
                out.addAll(keys.apply(subject, null));
            }
        }
        out.remove(changed);
        return out;
    }
}
