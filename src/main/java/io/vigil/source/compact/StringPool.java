package io.vigil.source.compact;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deduplicates the strings the cache repeats across objects: field names, label keys and values,
 * namespace names, images, enum values ({@code IfNotPresent}, {@code TCP}). Bounded: once it holds
 * {@code capacity} strings it stops taking new ones (they are then kept unshared), so a cluster of unique
 * values cannot grow it without limit. Values that are unique per object by construction (uid,
 * resourceVersion, timestamps) are never offered (see {@link CompactDecoder}).
 */
public final class StringPool {
    /** Longer strings are rarely repeated verbatim (certificates, scripts) and are never pooled. */
    static final int MAX_LENGTH = 256;

    /** One immutable TextNode per string: a pooled value costs the cache one reference, not a node. */
    private final ConcurrentHashMap<String, TextNode> strings = new ConcurrentHashMap<>();

    private final int capacity;
    private final AtomicLong refused = new AtomicLong();

    public StringPool(int capacity) {
        this.capacity = capacity;
    }

    public String intern(String s) {
        TextNode node = pooled(s);
        return node == null ? s : node.textValue();
    }

    /** The shared text node for {@code s}, or a new unshared one when {@code s} is not pooled. */
    public TextNode text(String s) {
        TextNode node = pooled(s);
        return node == null ? TextNode.valueOf(s) : node;
    }

    private TextNode pooled(String s) {
        if (s.length() > MAX_LENGTH) {
            return null;
        }
        TextNode node = strings.get(s);
        if (node != null) {
            return node;
        }
        if (strings.size() >= capacity) {
            refused.incrementAndGet();
            return null;
        }
        TextNode fresh = TextNode.valueOf(s);
        node = strings.putIfAbsent(s, fresh);
        return node == null ? fresh : node;
    }

    public int size() {
        return strings.size();
    }

    /** Strings not pooled because the pool was full. */
    public long refused() {
        return refused.get();
    }
}
