package io.vigil.baseline;

import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScanInput;
import io.vigil.scan.ScannedObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: objects from YAML text, read as {@code vigil scan} reads them (API defaults applied). */
final class Manifests {
    private Manifests() {}

    static List<KubeObject> objects(String yaml) {
        ScanInput input = new ManifestReader("default")
                .readBytes("test.yaml", yaml.getBytes(StandardCharsets.UTF_8))
                .result();
        if (!input.errors().isEmpty()) {
            throw new IllegalArgumentException("bad test manifest: " + input.errors());
        }
        return input.objects().stream().map(ScannedObject::object).toList();
    }

    static KubeObject object(String yaml) {
        List<KubeObject> all = objects(yaml);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one object, got " + all.size());
        }
        return all.get(0);
    }
}
