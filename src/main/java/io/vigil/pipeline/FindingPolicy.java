package io.vigil.pipeline;

import io.vigil.check.Check;
import io.vigil.check.ClusterView;
import io.vigil.model.Finding;
import io.vigil.model.ResourceKey;
import io.vigil.model.Suppression;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the audited baseline and the governed exceptions say (DESIGN §6), as the pipeline asks it: which
 * findings are baselined or suppressed, which checks the policy adds (the baseline's drift check), which
 * objects it expects to exist. One immutable value, replaced as a whole when the baseline or exceptions
 * reload; the pipeline never looks behind it.
 */
public interface FindingPolicy {
    FindingPolicy NONE = new Empty();

    /** No baseline, no exceptions, nothing added: {@link #NONE}, and the base of a policy that adds one thing. */
    class Empty implements FindingPolicy {
        @Override
        public boolean baselineLoaded() {
            return false;
        }

        @Override
        public boolean baselined(Finding finding) {
            return false;
        }

        @Override
        public Optional<Suppression> suppression(Finding finding, Instant now) {
            return Optional.empty();
        }
    }

    boolean baselineLoaded();

    /** The finding's id is in the audited baseline. */
    boolean baselined(Finding finding);

    /** The active exception covering the finding at {@code now}, if any. */
    Optional<Suppression> suppression(Finding finding, Instant now);

    /** Drift: a baseline is loaded and does not accept this finding. */
    default boolean drift(Finding finding) {
        return baselineLoaded() && !baselined(finding);
    }

    /** Checks the policy adds to the catalogue while it is in force. */
    default List<Check> checks() {
        return List.of();
    }

    /** Objects the policy knows of besides the cached ones: a full evaluation visits them too. */
    default Set<ResourceKey> expectedObjects() {
        return Set.of();
    }

    /** The finding for an object that is gone from a kind the source sees (a deletion the policy records). */
    default Optional<Finding> deletion(ResourceKey key, ClusterView view) {
        return Optional.empty();
    }
}
