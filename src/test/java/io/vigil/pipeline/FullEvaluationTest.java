package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which keys a full evaluation visits, what it re-lists first, and when a pass is done; no Vert.x instance. */
class FullEvaluationTest {
    private static final ResourceKey API = new ResourceKey(Kinds.DEPLOYMENT, "shop", "api");
    private static final ResourceKey DB = new ResourceKey(Kinds.STATEFUL_SET, "shop", "db");
    private static final ResourceKey GONE = new ResourceKey(Kinds.DEPLOYMENT, "shop", "gone");
    private static final ResourceKey FINGERPRINTED = new ResourceKey(Kinds.CONFIG_MAP, "shop", "settings");

    private final MemorySource source = new MemorySource();
    /** Off-loop work runs at once, recorded: the real one hops to a worker and back. */
    private final List<String> offLoop = new ArrayList<>();

    private final FullEvaluation full = new FullEvaluation(source, blocking -> {
        offLoop.add("off the loop");
        blocking.run();
        return Future.succeededFuture();
    });

    private void cache(ResourceKey key) {
        source.put(new KubeObject(new ResourceRef("v1", key.kind(), key.namespace(), key.name(), null), null, null));
    }

    @Test
    void aPassVisitsEveryCachedObjectThenTheLedgersSubjectsThenWhatThePolicyExpectsEachOnce() {
        cache(DB);
        cache(API);
        Set<ResourceKey> keys = full.begin(List.of(API, GONE), expecting(FINGERPRINTED, API));
        assertThat(keys).containsExactly(API, DB, GONE, FINGERPRINTED);
    }

    @Test
    void onlyThePeriodicPassReListsEveryKindFirstAndOffTheLoop() {
        assertThat(full.prepare(false).succeeded()).isTrue();
        assertThat(source.relists).isEmpty();
        assertThat(offLoop).isEmpty();

        full.prepare(true);
        assertThat(source.relists)
                .containsExactly("all on " + Thread.currentThread().getName());
        assertThat(offLoop).containsExactly("off the loop");
    }

    @Test
    void droppedWatchesAreReListedOffTheLoop() {
        full.relistDroppedWatches();
        assertThat(source.relists)
                .containsExactly("dropped on " + Thread.currentThread().getName());
        assertThat(offLoop).containsExactly("off the loop");
    }

    @Test
    void aPassFinishesOnceAndOnlyTheFirstMayUseEveryCore() {
        assertThat(full.finish()).as("no pass yet").isFalse();
        assertThat(full.initialPassRunning()).isFalse();

        full.begin(List.of(), FindingPolicy.NONE);
        assertThat(full.initialPassRunning()).isTrue();
        full.begin(List.of(), FindingPolicy.NONE);
        assertThat(full.initialPassRunning())
                .as("a second request during the first pass joins it")
                .isTrue();
        assertThat(full.finish()).isTrue();
        assertThat(full.finish()).isFalse();
        assertThat(full.initialPassRunning()).isFalse();

        full.begin(List.of(), FindingPolicy.NONE);
        assertThat(full.initialPassRunning())
                .as("later passes are steady state")
                .isFalse();
        assertThat(full.finish()).isTrue();
    }

    private static FindingPolicy expecting(ResourceKey... keys) {
        return new FindingPolicy.Empty() {
            @Override
            public Set<ResourceKey> expectedObjects() {
                return new LinkedHashSet<>(List.of(keys));
            }
        };
    }
}
