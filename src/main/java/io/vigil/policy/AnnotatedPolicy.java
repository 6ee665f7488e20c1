package io.vigil.policy;

import io.vigil.check.Check;
import io.vigil.check.ClusterView;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.model.Suppression;
import io.vigil.pipeline.FindingPolicy;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code exceptions.annotations: true}: the policy in force plus the {@code vigil.io/exempt} annotations of each
 * finding's object as the informer cache holds it now, read by the same {@link AnnotationExemptions} as
 * {@code scan}. Reading them per finding (rather than at reload) means an annotation edit takes effect with the
 * object's own re-evaluation. An incomplete annotation set is logged once per object and text, not per pass.
 */
public final class AnnotatedPolicy implements FindingPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(AnnotatedPolicy.class);

    private final FindingPolicy base;
    private final ClusterView view;
    private final Set<String> knownCheckIds;
    private final Set<String> reported;

    public AnnotatedPolicy(FindingPolicy base, ClusterView view, Set<String> knownCheckIds) {
        this(base, view, knownCheckIds, ConcurrentHashMap.newKeySet());
    }

    private AnnotatedPolicy(FindingPolicy base, ClusterView view, Set<String> knownCheckIds, Set<String> reported) {
        this.base = base;
        this.view = view;
        this.knownCheckIds = Set.copyOf(knownCheckIds);
        this.reported = reported;
    }

    /** The same annotations over another base policy, keeping what was already logged. */
    public AnnotatedPolicy over(FindingPolicy next) {
        return new AnnotatedPolicy(next, view, knownCheckIds, reported);
    }

    @Override
    public Optional<Suppression> suppression(Finding finding, Instant now) {
        Optional<Suppression> fromAnnotations = object(finding)
                .filter(o -> o.annotation(AnnotationExemptions.EXEMPT) != null)
                .flatMap(o -> annotated(o, finding, now));
        // as in ExceptionSet: the cover that expires last wins, so a still-covered finding never flaps
        return Stream.concat(base.suppression(finding, now).stream(), fromAnnotations.stream())
                .max(Comparator.comparing(Suppression::expires));
    }

    private Optional<KubeObject> object(Finding finding) {
        ResourceKey key = finding.resource().key();
        return view.get(key.kind(), key.namespace(), key.name());
    }

    private Optional<Suppression> annotated(KubeObject o, Finding finding, Instant now) {
        AnnotationExemptions.Result read = AnnotationExemptions.read(List.of(o), knownCheckIds, now);
        read.errors().forEach(p -> once(p, true));
        read.warnings().forEach(p -> once(p, false));
        return ExceptionSet.of(read.entries()).match(finding, now);
    }

    private void once(ExceptionProblem problem, boolean error) {
        if (!reported.add(problem.toString())) {
            return;
        }
        if (error) {
            LOG.error("annotation exemption rejected: {}", problem);
        } else {
            LOG.warn("annotation exemption: {}", problem);
        }
    }

    @Override
    public boolean baselineLoaded() {
        return base.baselineLoaded();
    }

    @Override
    public boolean baselined(Finding finding) {
        return base.baselined(finding);
    }

    @Override
    public List<Check> checks() {
        return base.checks();
    }

    @Override
    public Set<ResourceKey> expectedObjects() {
        return base.expectedObjects();
    }

    @Override
    public Optional<Finding> deletion(ResourceKey key, ClusterView view) {
        return base.deletion(key, view);
    }
}
