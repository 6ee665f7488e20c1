package io.vigil.pipeline;

import io.vigil.model.Finding;
import io.vigil.model.InstancePool;
import java.util.List;

/**
 * Shares the text the ledger keeps for every open finding: replicas of one workload, and the containers of
 * one pod, repeat the same messages, paths, observed and expected values and control lists (on the churn
 * trial 11 of a privileged pod's 14 messages are the same in every pod). Values unique to one object, like a
 * message naming its pod, pass through without growing anything.
 */
final class EvidencePool {
    private final InstancePool<String> strings;
    private final InstancePool<List<String>> lists;

    EvidencePool(int slots) {
        this.strings = new InstancePool<>(slots);
        this.lists = new InstancePool<>(slots / 16);
    }

    /** {@code f} with its repeated text replaced by shared equal instances; every value stays equal. */
    Finding share(Finding f) {
        return new Finding(
                f.id(),
                strings.share(f.cluster()),
                f.checkId(),
                f.family(),
                f.severity(),
                f.title(),
                strings.share(f.message()),
                f.resource(),
                strings.share(f.path()),
                strings.share(f.observed()),
                strings.share(f.expected()),
                lists.share(f.controls()),
                f.remediation(),
                f.source());
    }
}
