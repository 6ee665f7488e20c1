package io.vigil.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * kube-apiserver 1.20, etcd and kubectl 1.20 as {@code .ci/kube-apiserver.sh} caches them (DESIGN §10). The
 * pom passes the directory as {@code VIGIL_K8S_BIN}; tests that need them skip when they are absent locally
 * and fail when {@code CI=true}.
 */
public record KubeBinaries(Path apiServer, Path etcd, Path kubectl) {
    public static KubeBinaries require() {
        String env = System.getenv("VIGIL_K8S_BIN");
        Path dir = Path.of(env != null ? env : System.getProperty("user.home") + "/.cache/vigil/k8s/bin");
        return new KubeBinaries(executable(dir, "kube-apiserver"), executable(dir, "etcd"), executable(dir, "kubectl"));
    }

    private static Path executable(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isExecutable(p)) {
            return DebianTool.missing(p + " is missing (run .ci/kube-apiserver.sh)");
        }
        return p;
    }
}
