package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** DESIGN §2b: the production jar carries no demo, no mock API server and no Kafka broker; the demo jar does. */
class JarContentsIT {
    private static List<String> entries(String jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void productionJarHoldsNoDemoMockServerOrBrokerAndTheDemoJarDoes() throws IOException {
        List<String> production = entries("target/vigil.jar");
        assertThat(production).contains("io/vigil/Main.class", "io/vigil/cli/WatchCommand.class");
        assertThat(production)
                .noneMatch(e -> e.startsWith("io/vigil/demo/"))
                .noneMatch(e -> e.startsWith("io/fabric8/kubernetes/client/server/mock/"))
                .noneMatch(e -> e.startsWith("io/fabric8/mockwebserver/"))
                .noneMatch(e -> e.startsWith("kafka/server/"));
        List<String> demo = entries("target/vigil-demo.jar");
        assertThat(demo)
                .contains(
                        "io/vigil/demo/DemoCommand.class",
                        "io/fabric8/kubernetes/client/server/mock/KubernetesMockServer.class",
                        "examples/task-api/insecure.yaml",
                        "examples/task-api/hardened.yaml");
    }
}
