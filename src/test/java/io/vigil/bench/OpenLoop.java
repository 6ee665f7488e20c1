package io.vigil.bench;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-loop pacing: a schedule fixed in advance decides when each action is due, and each action is handed its
 * due time, which is where its latency clock starts. An action that runs late (the thread was descheduled, a GC
 * paused it, the previous action took long) still counts from its due time, so a stall shows up in every
 * latency behind it instead of being hidden by sending less (coordinated omission).
 */
final class OpenLoop {
    /** What runs at each due time: the index in the schedule and the {@link System#nanoTime()} it was due. */
    interface Action {
        void run(int index, long dueNanos) throws Exception;
    }

    /** How late the actions started after their due time (ns). */
    final Histogram lateness = new Histogram(3_600_000_000_000L, 3);

    /**
     * Runs {@code action} for each offset (ns after the start, non-decreasing) on the calling thread and returns the
     * start time the offsets count from.
     */
    long run(long[] dueOffsets, Action action) throws Exception {
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < dueOffsets.length; i++) {
            long due = start + dueOffsets[i];
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lateness.recordValue(Math.min(-wait, lateness.getHighestTrackableValue()));
            action.run(i, due);
        }
        return start;
    }

    /** {@code count} offsets at a fixed {@code perSecond} rate. */
    static long[] fixedRate(int count, int perSecond) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = i * 1_000_000_000L / perSecond;
        }
        return out;
    }
}
