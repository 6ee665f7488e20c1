package io.vigil.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files Vigil's container sees, recreated under a test directory: each Secret volume of the Deployment
 * becomes a directory holding its items, so a configuration naming mounted files can be loaded for real.
 */
final class PodFiles {
    private PodFiles() {}

    static JsonNode container(JsonNode deployment) {
        return deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    /** mountPath -> the Secret volume mounted there (name and items). */
    static Map<String, JsonNode> secretMounts(JsonNode deployment) {
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        deployment.path("spec").path("template").path("spec").path("volumes").forEach(v -> {
            if (v.has("secret")) {
                volumes.put(v.path("name").asText(), v.path("secret"));
            }
        });
        Map<String, JsonNode> out = new LinkedHashMap<>();
        container(deployment).path("volumeMounts").forEach(m -> {
            JsonNode secret = volumes.get(m.path("name").asText());
            if (secret != null) {
                out.put(m.path("mountPath").asText(), secret);
            }
        });
        return out;
    }

    /** Writes every Secret item under {@code root}; returns mountPath -> its stand-in directory. */
    static Map<String, Path> materialize(JsonNode deployment, Path root) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (var e : secretMounts(deployment).entrySet()) {
            Path dir = Files.createDirectories(
                    root.resolve(e.getValue().path("secretName").asText()));
            for (JsonNode item : e.getValue().path("items")) {
                // No trailing newline: Kafka's DirectoryConfigProvider keeps one (docs/install.md says so).
                Files.writeString(
                        dir.resolve(item.path("path").asText()),
                        secretValue(item.path("key").asText()));
            }
            out.put(e.getKey(), dir);
        }
        return out;
    }

    /** {@code text} with every mount path replaced by its stand-in directory. */
    static String remap(String text, Map<String, Path> mounts) {
        String out = text;
        for (var e : mounts.entrySet()) {
            out = out.replace(e.getKey(), e.getValue().toString());
        }
        return out;
    }

    /** A fake Secret value per key; 16 bytes at least, the shortest mask key Vigil accepts. */
    static String secretValue(String key) {
        return "s3cr3t-" + key + "-0123456789";
    }
}
