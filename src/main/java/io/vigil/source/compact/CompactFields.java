package io.vigil.source.compact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one compact object: keys and values alternate in one exact-sized array. A JSON object in
 * the cache is small (2-10 fields) and read, never written: a linear scan over pooled keys beats hashing,
 * and it costs 8 bytes per field where a LinkedHashMap costs ~48. Immutable: {@code ObjectNode.set} on a
 * cached object throws, which is what a pure check that tried to mutate the cache deserves.
 */
final class CompactFields extends AbstractMap<String, JsonNode> {
    static final CompactFields EMPTY = new CompactFields(new Object[0]);

    private final Object[] keysAndValues;
    /** Cached: {@link NodePool} hashes every subtree once per lookup, and the fields never change. */
    private int hash;

    CompactFields(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public JsonNode get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (JsonNode) keysAndValues[i + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        Object[] kv = keysAndValues;
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i] == key) {
                return i;
            }
        }
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = super.hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || super.equals(o);
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    public Entry<String, JsonNode> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        var e = new SimpleImmutableEntry<>(
                                (String) keysAndValues[next], (JsonNode) keysAndValues[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return CompactFields.this.size();
            }
        };
    }
}
