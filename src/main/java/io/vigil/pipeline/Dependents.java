package io.vigil.pipeline;

import io.vigil.check.Check;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ViewIndex;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which subjects a change re-queues (DESIGN §2). A change to a kind that some check reads re-queues that
 * check's subjects in the same namespace (a NetworkPolicy re-queues its Namespace and the workloads in it),
 * or everywhere when the changed object is cluster-scoped (a ClusterRoleBinding re-queues roles). A change to
 * an object a check reads through an index re-queues only the subjects under that object's values, before and
 * after the change (a Pod re-queues the other users of its ServiceAccount, not its namespace): DESIGN §11, the
 * cost of an event does not grow with namespace size.
 */
final class Dependents {
    private final Map<String, Set<String>> subjectsByReadKind = new HashMap<>();
    private final Map<ViewIndex, Set<String>> subjectsByIndex = new HashMap<>();

    Dependents(List<Check> checks) {
        for (Check check : checks) {
            CheckDescriptor d = check.descriptor();
            for (String read : d.readsKinds()) {
                subjectsByReadKind.computeIfAbsent(read, k -> new HashSet<>()).addAll(d.subjectKinds());
            }
            for (ViewIndex index : d.readsIndexes()) {
                Set<String> subjects = subjectsByIndex.computeIfAbsent(index, k -> new HashSet<>());
                d.subjectKinds().stream().filter(index.kinds()::contains).forEach(subjects::add);
            }
        }
    }

    /** The subjects to re-evaluate after {@code changed}; records what it is now seen under in {@code seen}. */
    List<ResourceKey> of(ResourceKey changed, AuditSource source, SeenIndexValues seen) {
        Set<ResourceKey> out = new LinkedHashSet<>();
        String namespace = Kinds.NAMESPACE.equals(changed.kind()) ? changed.name() : changed.namespace();
        requeueReaders(subjectsByReadKind.getOrDefault(changed.kind(), Set.of()), namespace, source, out);
        Optional<KubeObject> current = null;
        for (Map.Entry<ViewIndex, Set<String>> read : subjectsByIndex.entrySet()) {
            ViewIndex index = read.getKey();
            if (!index.kinds().contains(changed.kind())) {
                continue;
            }
            if (current == null) {
                current = source.get(changed);
            }
            if (!seen.complete() && !seen.has(index, changed)) {
                // Not yet evaluated since start: what it was seen under is unknown, and the first full pass
                // visits its namespace anyway.
                requeueReaders(read.getValue(), namespace, source, out);
            }
            List<String> now = current.map(index.values()).orElse(List.of());
            Set<String> values = new LinkedHashSet<>(seen.replace(index, changed, now));
            values.addAll(now);
            requeueSharers(index, read.getValue(), changed, values, source, out);
        }
        out.remove(changed);
        return List.copyOf(out);
    }

    /** Records what the evaluated objects were seen under (the first full pass records every object). */
    void evaluated(List<Outcome> outcomes, AuditSource source, SeenIndexValues seen) {
        if (subjectsByIndex.isEmpty()) {
            return;
        }
        for (Outcome outcome : outcomes) {
            ResourceKey key = outcome.queued().key();
            // An outcome can be older than a deletion already handled: recording it would keep a stale entry.
            if (outcome.object().isEmpty() || source.get(key).isEmpty()) {
                continue;
            }
            for (ViewIndex index : subjectsByIndex.keySet()) {
                if (index.kinds().contains(key.kind())) {
                    seen.add(index, key, index.values().apply(outcome.object().get()));
                }
            }
        }
    }

    private static void requeueReaders(
            Set<String> subjects, String namespace, AuditSource source, Set<ResourceKey> out) {
        for (String subject : subjects) {
            if (Kinds.NAMESPACE.equals(subject)) {
                out.addAll(
                        namespace == null
                                ? source.keys(subject, null)
                                : List.of(new ResourceKey(Kinds.NAMESPACE, null, namespace)));
            } else if (Kinds.isNamespaced(subject) && namespace != null) {
                out.addAll(source.keys(subject, namespace));
            } else {
                out.addAll(source.keys(subject, null));
            }
        }
    }

    /** Same namespace for a namespaced object, all namespaces for a cluster-scoped one. */
    private static void requeueSharers(
            ViewIndex index,
            Set<String> subjects,
            ResourceKey changed,
            Set<String> values,
            AuditSource source,
            Set<ResourceKey> out) {
        String namespace = Kinds.isNamespaced(changed.kind()) ? changed.namespace() : null;
        for (String value : values) {
            for (String subject : subjects) {
                for (KubeObject sharer : source.indexed(index, subject, namespace, value)) {
                    out.add(sharer.key());
                }
            }
        }
    }
}
