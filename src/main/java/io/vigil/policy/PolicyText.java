package io.vigil.policy;

import io.vigil.check.ClusterView;
import io.vigil.check.support.Json;
import io.vigil.config.VigilConfig;
import io.vigil.model.Kinds;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a baseline or exception document from where the configuration says: a file, or a ConfigMap (from
 * the informer cache: key {@code <name>.yaml} if present, else its only key).
 */
record PolicyText(String name, String text) {
    static Optional<PolicyText> read(VigilConfig.Source source, String conventionalKey, ClusterView cluster) {
        if (source.file().isPresent()) {
            var file = source.file().get();
            try {
                return Optional.of(new PolicyText(file.toString(), Files.readString(file)));
            } catch (IOException e) {
                return Optional.of(new PolicyText(file.toString(), null));
            }
        }
        if (source.configMap().isPresent() && cluster != null) {
            var ref = source.configMap().get();
            return Optional.of(cluster.get(Kinds.CONFIG_MAP, ref.namespace(), ref.name())
                    .map(cm -> new PolicyText("ConfigMap " + ref, value(cm.at("data"), conventionalKey)))
                    .orElse(new PolicyText("ConfigMap " + ref, null)));
        }
        return Optional.empty();
    }

    private static String value(com.fasterxml.jackson.databind.JsonNode data, String key) {
        String direct = Json.text(data, key);
        if (direct != null || data.size() != 1) {
            return direct;
        }
        Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = data.fields();
        return Json.text(it.next().getValue());
    }

    boolean readable() {
        return text != null;
    }
}
