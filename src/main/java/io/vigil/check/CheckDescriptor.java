package io.vigil.check;

import io.vigil.model.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything about a check except its logic.
 *
 * @param subjectKinds kind keys ({@link io.vigil.model.Kinds}) the check attaches findings to
 * @param readsKinds   further kinds it reads through the ClusterView; a change to one re-queues the subjects of
 *                     its namespace (all subjects when it is cluster-scoped)
 * @param readsIndexes indexes it reads related objects through, and only through: a change to an object of an
 *                     index's kinds re-queues only the subjects found under that object's values, old and new
 *                     (DESIGN §11: the cost of an event must not grow with namespace size)
 * @param controls     the check's own controls (CIS and the like); family controls and PSS levels are added
 * @param scope        which objects of the subject kinds it sees (see {@link Scope})
 */
public record CheckDescriptor(
        String id,
        String title,
        Severity severity,
        Family family,
        Set<String> subjectKinds,
        Set<String> readsKinds,
        Set<ViewIndex> readsIndexes,
        List<String> controls,
        String remediation,
        Scope scope) {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public CheckDescriptor {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(family, "family");
        if (id == null || !SLUG.matcher(id).matches()) {
            throw new IllegalArgumentException("check id must be a kebab-case slug: " + id);
        }
        subjectKinds = Set.copyOf(subjectKinds);
        readsKinds = Set.copyOf(readsKinds);
        readsIndexes = Set.copyOf(readsIndexes);
        controls = List.copyOf(controls);
    }

    /** Which objects of its subject kinds a check evaluates. */
    public enum Scope {
        /** Top-level objects outside system namespaces; built-in RBAC objects excluded (DESIGN §2, §4). */
        WORKLOAD,
        /** Every Pod, whoever controls it (running-pod checks: namespace enforcement, image scans). */
        RUNNING_PODS,
        /** Reads kube-system regardless of the system-namespace exclusion (control-plane checks). */
        SYSTEM
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Keeps check classes readable: one fluent block per check. */
    public static final class Builder {
        private final String id;
        private String title;
        private Severity severity;
        private Family family;
        private Set<String> subjectKinds = Set.of();
        private Set<String> readsKinds = Set.of();
        private Set<ViewIndex> readsIndexes = Set.of();
        private List<String> controls = List.of();
        private String remediation = "";
        private Scope scope = Scope.WORKLOAD;

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        public Builder family(Family value) {
            family = value;
            return this;
        }

        public Builder subjects(Set<String> kinds) {
            subjectKinds = kinds;
            return this;
        }

        public Builder subjects(String... kinds) {
            return subjects(Set.of(kinds));
        }

        public Builder reads(String... kinds) {
            readsKinds = Set.of(kinds);
            return this;
        }

        public Builder readsThrough(ViewIndex... indexes) {
            readsIndexes = Set.of(indexes);
            return this;
        }

        public Builder controls(String... values) {
            controls = List.of(values);
            return this;
        }

        public Builder remediation(String value) {
            remediation = value;
            return this;
        }

        public Builder scope(Scope value) {
            scope = value;
            return this;
        }

        public CheckDescriptor build() {
            return new CheckDescriptor(
                    id, title, severity, family, subjectKinds, readsKinds, readsIndexes, controls, remediation, scope);
        }
    }
}
