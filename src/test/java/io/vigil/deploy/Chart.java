package io.vigil.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** {@code deploy/helm/vigil} rendered by the helm library (helm-java), as {@code helm template} does. */
final class Chart {
    static final Path DIR = Path.of("deploy/helm/vigil");
    static final String RELEASE = "vigil";
    static final String NAMESPACE = "vigil";

    private Chart() {}

    /** The values files shipped beside the chart ({@code values-*.yaml}), each a supported way to install. */
    static List<Path> shippedValuesFiles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().matches("values-.+\\.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, Rendering> RENDERED = new ConcurrentHashMap<>();

    static Rendering render(Path valuesFile, Map<String, Object> set) {
        return RENDERED.computeIfAbsent(
                valuesFile + " " + new TreeMap<>(set), k -> Rendering.parse(template(valuesFile, set)));
    }

    static Rendering render() {
        return render(null, Map.of());
    }

    static Rendering render(Map<String, Object> set) {
        return render(null, set);
    }

    static Rendering render(Path valuesFile) {
        return render(valuesFile, Map.of());
    }

    /** @throws IllegalStateException with helm's message when the values are invalid */
    static String template(Path valuesFile, Map<String, Object> set) {
        TemplateCommand t = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            t = t.withValuesFile(valuesFile);
        }
        for (var e : set.entrySet()) {
            t = t.set(e.getKey(), e.getValue());
        }
        return t.call();
    }
}
