package io.vigil.check;

import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.model.Finding;
import io.vigil.model.FindingId;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Ownership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the checks that apply to one subject and turns their violations into findings. Stateless; the
 * same instance serves {@code vigil scan} and the live pipeline.
 */
public final class Evaluator {
    private static final Set<String> RBAC_KINDS =
            Set.of(Kinds.ROLE, Kinds.CLUSTER_ROLE, Kinds.ROLE_BINDING, Kinds.CLUSTER_ROLE_BINDING);

    private final List<Check> checks;
    private final AuditSettings settings;
    /** The checks each subject kind attaches to, in catalogue order: no per-object test of every check's kinds. */
    private final Map<String, List<PlannedCheck>> byKind;

    public Evaluator(List<Check> checks, AuditSettings settings) {
        this.checks = List.copyOf(checks);
        this.settings = settings;
        this.byKind = plan(this.checks, settings);
    }

    private static Map<String, List<PlannedCheck>> plan(List<Check> checks, AuditSettings settings) {
        Map<String, List<PlannedCheck>> byKind = new HashMap<>();
        for (Check check : checks) {
            PlannedCheck planned = PlannedCheck.of(check, settings);
            for (String kind : planned.descriptor().subjectKinds()) {
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(planned);
            }
        }
        byKind.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(byKind);
    }

    /** This evaluator with {@code extra} checks after the catalogue's (a policy's own checks). */
    public Evaluator with(List<Check> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<Check> all = new ArrayList<>(checks);
        all.addAll(extra);
        return new Evaluator(all, settings);
    }

    public List<Check> checks() {
        return checks;
    }

    public AuditSettings settings() {
        return settings;
    }

    public Result evaluate(KubeObject subject, ClusterView view) {
        List<PlannedCheck> applicable = byKind.getOrDefault(subject.kindKey(), List.of());
        List<Finding> findings = new ArrayList<>();
        List<CheckFailure> failures = new ArrayList<>();
        SubjectScope scope = new SubjectScope(subject);
        for (PlannedCheck planned : applicable) {
            if (!scope.includes(planned.descriptor().scope())) {
                continue;
            }
            try {
                for (Violation v : planned.check().evaluate(subject, view)) {
                    findings.add(toFinding(planned, subject, v));
                }
            } catch (RuntimeException e) {
                failures.add(new CheckFailure(planned.descriptor().id(), subject, e));
            }
        }
        return new Result(findings, failures);
    }

    /** Whether a check of this scope looks at the subject at all (DESIGN §2 workload identity, §4 exclusions). */
    public boolean inScope(Scope scope, KubeObject subject) {
        return new SubjectScope(subject).includes(scope);
    }

    /**
     * The scope facts of one subject, each worked out at most once however many checks ask (the evaluator
     * asks once per check: ownerReferences were walked 58 times per pod before issue 13).
     */
    private final class SubjectScope {
        private final KubeObject subject;
        private Boolean system;
        private Boolean controlled;

        SubjectScope(KubeObject subject) {
            this.subject = subject;
        }

        boolean includes(Scope scope) {
            if (scope == Scope.SYSTEM) {
                return true;
            }
            if (system == null) {
                system = !settings.includeSystem() && isSystem(subject);
            }
            if (system) {
                return false;
            }
            if (scope == Scope.RUNNING_PODS) {
                return true;
            }
            if (controlled == null) {
                controlled = Ownership.isControlledByWorkload(subject);
            }
            return !controlled;
        }
    }

    /**
     * RBAC objects are excluded only when they are built in, wherever they live: a binding an intruder
     * adds in kube-system grants as much as one anywhere else and must not hide there (DESIGN §4).
     */
    private boolean isSystem(KubeObject subject) {
        if (RBAC_KINDS.contains(subject.kindKey())) {
            return isBuiltInRbac(subject);
        }
        String ns = Kinds.NAMESPACE.equals(subject.kindKey()) ? subject.name() : subject.namespace();
        return settings.isSystemNamespace(ns);
    }

    private static boolean isBuiltInRbac(KubeObject o) {
        return (o.name() != null && o.name().startsWith("system:"))
                || "rbac-defaults".equals(o.label("kubernetes.io/bootstrapping"));
    }

    private Finding toFinding(PlannedCheck planned, KubeObject subject, Violation v) {
        CheckDescriptor d = planned.descriptor();
        return new Finding(
                FindingId.of(settings.cluster(), d.id(), subject.ref(), v.path()),
                settings.cluster(),
                d.id(),
                d.family().label(),
                v.severity() != null ? v.severity() : planned.severity(),
                d.title(),
                v.message(),
                subject.ref(),
                v.path(),
                v.observed(),
                v.expected(),
                planned.controls(v),
                d.remediation(),
                subject.source());
    }

    /** A check that threw: a bug in Vigil, never a reason to treat the subject as fixed. */
    public record CheckFailure(String checkId, KubeObject subject, RuntimeException error) {}

    public record Result(List<Finding> findings, List<CheckFailure> failures) {
        public Result {
            findings = List.copyOf(findings);
            failures = List.copyOf(failures);
        }
    }
}
