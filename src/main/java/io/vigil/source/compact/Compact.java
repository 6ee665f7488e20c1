package io.vigil.source.compact;

/** The process-wide string pool and decoder: label keys and images repeat across kinds and informers. */
public final class Compact {
    /** ~100k distinct short strings: about 10 MiB when full, far more than one cluster's repeated values. */
    public static final int POOL_CAPACITY = 100_000;

    /** Distinct shared subtrees (containers, env lists, probes...): a few MiB when full. */
    public static final int NODE_POOL_CAPACITY = 200_000;

    private static final CompactDecoder DECODER =
            new CompactDecoder(PruneRules.standard(), new StringPool(POOL_CAPACITY), new NodePool(NODE_POOL_CAPACITY));

    private Compact() {}

    public static CompactDecoder decoder() {
        return DECODER;
    }
}
