package io.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathLocatorTest {
    private final ScannedObject pod = new ManifestReader("default")
            .readBytes("p.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: api
              labels:
                app.kubernetes.io/name: api
            spec:
              containers:
                - name: sidecar
                  image: envoy
                - name: api
                  image: shop/api
                  securityContext:
                    capabilities:
                      add: [CHOWN, NET_RAW]
            """.getBytes(StandardCharsets.UTF_8))
            .result()
            .objects()
            .get(0);

    @Test
    void resolvesNamedElementsScalarsInListsAndBracketedKeys() {
        assertThat(PathLocator.line(pod, "spec.containers[name=api].image")).isEqualTo(12);
        assertThat(PathLocator.line(pod, "spec.containers[name=api].securityContext.capabilities.add[NET_RAW]"))
                .isEqualTo(15);
        assertThat(PathLocator.line(pod, "metadata.labels[app.kubernetes.io/name]"))
                .isEqualTo(6);
        assertThat(PathLocator.line(pod, "spec.containers[1].image")).isEqualTo(12);
    }

    @Test
    void fallsBackToTheDeepestExistingElement() {
        assertThat(PathLocator.line(pod, "spec.containers[name=api].securityContext.runAsNonRoot"))
                .isEqualTo(13);
        assertThat(PathLocator.line(pod, "spec.containers[name=ghost].image")).isEqualTo(8);
        assertThat(PathLocator.line(pod, "metadata")).isEqualTo(3);
    }

    @Test
    void splitsOnDotsOutsideBrackets() {
        assertThat(PathLocator.segments("a.b[x.y/z].c")).containsExactly("a", "b[x.y/z]", "c");
    }
}
