package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vigil.cli.VigilCommand;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API server (fabric8 mock, expectations mode) that answers 403 to the LIST of every watched kind: the
 * identity can read nothing, so {@code vigil report} writes no report (it could only look like a pass) and exits 2
 * with one line naming the server and the context.
 */
class ReportNothingReadableIT {
    @TempDir
    Path dir;

    private KubernetesMockServer server;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        for (WatchedKind kind : WatchedKinds.ALL) {
            String base = kind.group().isEmpty() ? "/api/" + kind.version() : "/apis/" + kind.apiVersion();
            server.expect()
                    .get()
                    .withPath(base + "/" + kind.plural())
                    .andReturn(
                            403,
                            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                    + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"" + kind.plural()
                                    + " is forbidden: User \\\"nobody\\\" cannot list resource\"}")
                    .always();
        }
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Test
    void anIdentityThatCanReadNothingGetsNoReport() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                users: [{name: nobody, user: {token: t}}]
                contexts: [{name: locked, context: {cluster: c, user: nobody}}]
                current-context: locked
                """.formatted(server.url("/")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VigilCommand.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "report",
                "--framework",
                "soc2",
                "--kubeconfig",
                kubeconfig.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .isEqualTo("vigil: " + server.url("/") + " (context locked): nothing readable (LIST namespaces: "
                        + "HTTP 403: namespaces is forbidden: User \"nobody\" cannot list resource, and every other "
                        + "kind too); no report written\n");
    }
}
