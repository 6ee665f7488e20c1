package io.vigil.pipeline;

import io.vigil.model.Finding;
import io.vigil.model.Suppression;
import java.time.Instant;
import java.util.Optional;

/** A policy without baseline or exceptions; tests override the one answer they pin. */
abstract class TestPolicy implements FindingPolicy {
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
