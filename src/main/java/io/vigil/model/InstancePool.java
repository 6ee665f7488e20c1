package io.vigil.model;

/**
 * Hands out one shared instance per equal immutable value, for state kept per open finding, where replicas
 * of one workload repeat the same texts and tags thousands of times. A fixed table of slots, one per hash: a
 * value equal to its slot's comes back as the held instance, any other takes the slot. Bounded by
 * construction, so values unique to one object cost nothing but the slot they pass through, and a collision
 * only loses sharing, never a value. Not thread-safe: each owner keeps its own on its own thread.
 */
public final class InstancePool<T> {
    private final Object[] slots;
    private final int mask;

    /** {@code size} is rounded up to a power of two. */
    public InstancePool(int size) {
        int n = Integer.highestOneBit(Math.max(2, size - 1)) << 1;
        this.slots = new Object[n];
        this.mask = n - 1;
    }

    /** {@code value} itself, or an earlier equal instance; null stays null. */
    @SuppressWarnings("unchecked")
    public T share(T value) {
        if (value == null) {
            return null;
        }
        int h = value.hashCode();
        // low bits of String.hashCode are weak for texts that differ only at the end
        int slot = (h ^ (h >>> 16)) & mask;
        Object held = slots[slot];
        if (value.equals(held)) {
            return (T) held;
        }
        slots[slot] = value;
        return value;
    }
}
