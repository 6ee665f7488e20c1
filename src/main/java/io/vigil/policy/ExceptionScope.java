package io.vigil.policy;

import io.vigil.model.Kinds;
import io.vigil.model.ResourceRef;

/**
 * Which objects an exception covers: globs on namespace, kind and name; a null glob matches anything.
 * <ul>
 *   <li>namespace: a Namespace object counts as being in itself (scope {@code namespace: legacy} covers the
 *       findings of Namespace {@code legacy} too); cluster-scoped objects have the empty namespace, so only a
 *       pattern such as {@code *} matches them;</li>
 *   <li>kind: the bare kind ({@code Deployment}, {@code Component}) or the kind key of another API group
 *       ({@code dapr.io/Component});</li>
 *   <li>name: the object's name.</li>
 * </ul>
 */
public record ExceptionScope(Glob namespace, Glob kind, Glob name) {
    public static final ExceptionScope ANY = new ExceptionScope(null, null, null);

    public boolean matches(ResourceRef ref) {
        return (namespace == null || namespace.matches(effectiveNamespace(ref)))
                && (kind == null || kind.matches(ref.kind()) || kind.matches(Kinds.key(ref.group(), ref.kind())))
                && (name == null || name.matches(ref.name()));
    }

    /** The namespace an object is in for scoping: a Namespace is in itself, cluster-scoped objects in "". */
    public static String effectiveNamespace(ResourceRef ref) {
        if (Kinds.NAMESPACE.equals(ref.kind()) && ref.group().isEmpty()) {
            return ref.name();
        }
        return ref.namespace() == null ? "" : ref.namespace();
    }

    /** {@code namespace=a*, kind=Deployment} style text; {@code any object} when unscoped. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        append(s, "namespace", namespace);
        append(s, "kind", kind);
        append(s, "name", name);
        return s.isEmpty() ? "any object" : s.toString();
    }

    private static void append(StringBuilder s, String field, Glob glob) {
        if (glob != null) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(field).append('=').append(glob.pattern());
        }
    }
}
