package io.vigil.check;

import io.vigil.check.CheckDescriptor.Scope;
import io.vigil.model.Finding;
import io.vigil.model.FindingId;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Ownership;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    public Evaluator(List<Check> checks, AuditSettings settings) {
        this.checks = List.copyOf(checks);
        this.settings = settings;
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
        List<Finding> findings = new ArrayList<>();
        List<CheckFailure> failures = new ArrayList<>();
        for (Check check : checks) {
            CheckDescriptor d = check.descriptor();
            if (!d.subjectKinds().contains(subject.kindKey()) || !inScope(d.scope(), subject)) {
                continue;
            }
            try {
                for (Violation v : check.evaluate(subject, view)) {
                    findings.add(toFinding(d, subject, v));
                }
            } catch (RuntimeException e) {
                failures.add(new CheckFailure(d.id(), subject, e));
            }
        }
        return new Result(findings, failures);
    }

    /** Whether a check of this scope looks at the subject at all (DESIGN §2 workload identity, §4 exclusions). */
    public boolean inScope(Scope scope, KubeObject subject) {
        if (scope == Scope.SYSTEM) {
            return true;
        }
        if (!settings.includeSystem() && isSystem(subject)) {
            return false;
        }
        return scope == Scope.RUNNING_PODS || !Ownership.isControlledByWorkload(subject);
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

    private Finding toFinding(CheckDescriptor d, KubeObject subject, Violation v) {
        Severity severity = v.severity() != null
                ? v.severity()
                : settings.severityOverrides().getOrDefault(d.id(), d.severity());
        Set<String> controls = new LinkedHashSet<>(d.controls());
        controls.addAll(v.extraControls());
        controls.addAll(d.family().controls());
        return new Finding(
                FindingId.of(settings.cluster(), d.id(), subject.ref(), v.path()),
                settings.cluster(),
                d.id(),
                d.family().label(),
                severity,
                d.title(),
                v.message(),
                subject.ref(),
                v.path(),
                v.observed(),
                v.expected(),
                List.copyOf(controls),
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
