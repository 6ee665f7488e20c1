package io.vigil.source.compact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares identical immutable subtrees between cached objects (hash-consing): the replicas of one
 * ReplicaSet carry the same containers, probes, env and volumes, so the cache keeps one copy of each and
 * every replica refers to it. Subtrees are pooled bottom-up, so their children are already canonical and
 * equality stops at the first shared reference. Bounded like {@link StringPool}: when full it shares only
 * what it already holds. Subtrees holding a value unique to one object (uid, name) are never offered.
 */
public final class NodePool {
    private final ConcurrentHashMap<JsonNode, JsonNode> nodes = new ConcurrentHashMap<>();
    private final int capacity;

    public NodePool(int capacity) {
        this.capacity = capacity;
    }

    JsonNode intern(JsonNode node) {
        JsonNode pooled = nodes.get(node);
        if (pooled != null) {
            return pooled;
        }
        if (nodes.size() >= capacity) {
            return node;
        }
        pooled = nodes.putIfAbsent(node, node);
        return pooled == null ? node : pooled;
    }

    public int size() {
        return nodes.size();
    }
}
