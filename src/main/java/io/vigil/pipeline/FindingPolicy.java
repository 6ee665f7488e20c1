package io.vigil.pipeline;

import io.vigil.model.Finding;
import io.vigil.model.Suppression;
import java.time.Instant;
import java.util.Optional;

/**
 * What the audited baseline and the governed exceptions say about a finding (DESIGN §6). The ledger asks
 * it for every finding it tracks; it is replaced as a whole when the baseline or exceptions reload.
 */
public interface FindingPolicy {
    FindingPolicy NONE = new FindingPolicy() {
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
    };

    boolean baselineLoaded();

    /** The finding's id is in the audited baseline. */
    boolean baselined(Finding finding);

    /** The active exception covering the finding at {@code now}, if any. */
    Optional<Suppression> suppression(Finding finding, Instant now);

    /** Drift: a baseline is loaded and does not accept this finding. */
    default boolean drift(Finding finding) {
        return baselineLoaded() && !baselined(finding);
    }
}
