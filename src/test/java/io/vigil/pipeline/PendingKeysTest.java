package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Kinds;
import io.vigil.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key queue: once per key at its oldest arrival, taken in arrival order; batches cut into slices. */
class PendingKeysTest {
    private static final ResourceKey A = new ResourceKey(Kinds.CONFIG_MAP, "shop", "a");
    private static final ResourceKey B = new ResourceKey(Kinds.CONFIG_MAP, "shop", "b");
    private static final ResourceKey C = new ResourceKey(Kinds.CONFIG_MAP, "shop", "c");

    private final PendingKeys pending = new PendingKeys();

    @Test
    void aBurstForOneKeyIsOneEntryAtItsFirstArrival() {
        pending.add(A, 1);
        pending.add(B, 2);
        pending.add(A, 3);
        pending.addAll(List.of(C, B), 4);

        assertThat(pending.size()).isEqualTo(3);
        assertThat(pending.take(2)).containsExactly(new Queued(A, 1), new Queued(B, 2));
        assertThat(pending.take(10)).containsExactly(new Queued(C, 4));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aRequeuedKeyThatChangedMeanwhileKeepsItsNewerEntry() {
        pending.add(A, 1);
        pending.add(B, 2);
        List<Queued> failed = pending.take(2);
        pending.add(B, 5);

        pending.requeue(failed);
        assertThat(pending.take(10)).containsExactly(new Queued(B, 5), new Queued(A, 1));
    }

    @Test
    void slicesAreContiguousNearEqualAndInOrder() {
        List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7);
        assertThat(KeyEvaluation.slices(items, 3)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5, 6, 7));
        assertThat(KeyEvaluation.slices(items, 1)).containsExactly(items);
        assertThat(KeyEvaluation.slices(List.of(1, 2), 4)).containsExactly(List.of(1), List.of(2));
    }
}
