package io.vigil.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Pre-serialised pod MODIFIED watch events, as the API server streams them: {@code updated} pods (the first of
 * the cache, spread over every namespace) each in four successive generations. Every fourth generation moves the
 * containers to other images and the next one moves them back (BenchData.podUpdate), so half of the events open or
 * resolve image findings and the other half change nothing a check reads. Event {@code e} updates pod
 * {@code (e * 7919) mod updated} (each round of {@code updated} events touches every pod once), generation
 * {@code 1 + e / updated}; generations repeat with period four, so four generations of bytes serve any length.
 */
final class WatchEvents {
    private static final int GENERATIONS = 4;
    private static final long STRIDE = 7919;

    private final byte[][] bytes;
    private final int updated;

    WatchEvents(int updated, int namespaces) throws Exception {
        if (updated % STRIDE == 0) {
            throw new IllegalArgumentException("updated pods must not be a multiple of " + STRIDE);
        }
        this.updated = updated;
        bytes = new byte[GENERATIONS * updated][];
        for (int g = 0; g < GENERATIONS; g++) {
            for (int p = 0; p < updated; p++) {
                bytes[g * updated + p] = modified(BenchData.podUpdate(p, namespaces, g + 1));
            }
        }
    }

    /** The bytes of the {@code e}-th event of the sequence. */
    byte[] event(long e) {
        int pod = (int) ((e * STRIDE) % updated);
        int generation = (int) ((e / updated) % GENERATIONS);
        return bytes[generation * updated + pod];
    }

    /** One MODIFIED event of {@code object}, framed as the API server streams it. */
    static byte[] modified(byte[] object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(object.length + 32);
        out.writeBytes("{\"type\":\"MODIFIED\",\"object\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(object);
        out.writeBytes("}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
