package io.vigil.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A multi-document rendering (Helm or Kustomize) as Kubernetes objects keyed by kind/namespace/name. */
record Rendering(String text, Map<String, JsonNode> objects) {
    static final ObjectMapper YAML = new YAMLMapper();

    /**
     * Labels only one of the tools writes: Helm's and Kustomize's own {@code managed-by}. Everything else must
     * be identical in both renderings.
     */
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** Helm's pod-template annotation that rolls the pods when vigil.yaml changes (Kustomize has no equivalent). */
    static final String CONFIG_CHECKSUM = "checksum/config";

    static Rendering parse(String text) {
        Map<String, JsonNode> objects = new TreeMap<>();
        try (var parser = new YAMLFactory().createParser(text)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                JsonNode previous = objects.put(key(doc), doc);
                if (previous != null) {
                    throw new IllegalStateException("rendered twice: " + key(doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendering(text, objects);
    }

    static String key(JsonNode o) {
        return o.path("kind").asText() + "/"
                + o.path("metadata").path("namespace").asText("") + "/"
                + o.path("metadata").path("name").asText();
    }

    JsonNode get(String kind, String namespace, String name) {
        return Optional.ofNullable(objects.get(kind + "/" + namespace + "/" + name))
                .orElseThrow(() -> new AssertionError(
                        "not rendered: " + kind + " " + namespace + "/" + name + "; rendered: " + objects.keySet()));
    }

    List<JsonNode> ofKind(String kind) {
        List<JsonNode> out = new ArrayList<>();
        objects.values().stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .forEach(out::add);
        return out;
    }

    /** The objects without what only one tool writes (managed-by, Helm's config checksum), for comparing. */
    Map<String, JsonNode> comparable() {
        Map<String, JsonNode> out = new TreeMap<>();
        objects.forEach((k, o) -> {
            ObjectNode copy = o.deepCopy();
            withoutManagedBy(copy.path("metadata"));
            JsonNode template = copy.path("spec").path("template").path("metadata");
            withoutManagedBy(template);
            if (template instanceof ObjectNode t && t.path("annotations") instanceof ObjectNode annotations) {
                annotations.remove(CONFIG_CHECKSUM);
                if (annotations.isEmpty()) {
                    t.remove("annotations");
                }
            }
            out.put(k, copy);
        });
        return out;
    }

    private static void withoutManagedBy(JsonNode metadata) {
        if (metadata.path("labels") instanceof ObjectNode labels) {
            labels.remove(MANAGED_BY);
        }
    }
}
