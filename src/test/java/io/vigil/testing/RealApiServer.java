package io.vigil.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd and kube-apiserver 1.20 (DESIGN §10) on free loopback ports: RBAC authorization, a static
 * token for an admin in {@code system:masters}, service-account signing keys so the TokenRequest API works
 * without a controller manager, and the server's own self-signed certificate (its CA is read back from
 * {@code --cert-dir}). Both processes are stopped by their handles, also when starting fails; the log
 * tails are part of every start-up error.
 */
public final class RealApiServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "real-apiserver-admin-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final KubeBinaries bin;
    private final Path dir;
    private final int etcdClientPort;
    private final int etcdPeerPort;
    private final int securePort;
    private Process etcd;
    private Process apiServer;
    private KubernetesClient admin;

    private RealApiServer(KubeBinaries bin, Path dir) {
        this.bin = bin;
        this.dir = dir;
        this.etcdClientPort = freePort();
        this.etcdPeerPort = freePort();
        this.securePort = freePort();
    }

    /** Starts etcd and the API server with their state under {@code dir}; skips when the binaries are absent. */
    public static RealApiServer start(Path dir) {
        RealApiServer server = new RealApiServer(KubeBinaries.require(), dir);
        try {
            server.writeCredentials();
            server.startProcesses();
        } catch (RuntimeException | Error e) {
            String tails = server.logTails();
            server.close();
            throw new IllegalStateException("kube-apiserver did not start: " + e.getMessage() + "\n" + tails, e);
        }
        return server;
    }

    public String url() {
        return "https://127.0.0.1:" + securePort;
    }

    public int securePort() {
        return securePort;
    }

    public KubeBinaries binaries() {
        return bin;
    }

    /** The CA that signed the serving certificate (kube-apiserver generated both into its cert dir). */
    public Path caFile() {
        return dir.resolve("certs/apiserver.crt");
    }

    /** A client with the admin token (system:masters). */
    public KubernetesClient admin() {
        if (admin == null) {
            admin = client(ADMIN_TOKEN, url());
        }
        return admin;
    }

    /** A client for {@code token} against {@code serverUrl} (the API server or a proxy in front of it). */
    public KubernetesClient client(String token, String serverUrl) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(serverUrl)
                .withOauthToken(token)
                // as kubectl does: manifests without a namespace land in "default"
                .withNamespace("default")
                .withCaCertFile(caFile().toString())
                .withRequestTimeout(30_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A bound ServiceAccount token from the TokenRequest API, as a kubelet would project it. */
    public String tokenFor(String namespace, String serviceAccount) {
        TokenRequest request = new TokenRequestBuilder()
                .withNewSpec()
                .withExpirationSeconds(3600L)
                .endSpec()
                .build();
        return admin().serviceAccounts()
                .inNamespace(namespace)
                .withName(serviceAccount)
                .tokenRequest(request)
                .getStatus()
                .getToken();
    }

    /** A kubeconfig naming only this server (or {@code serverUrl}), its CA and {@code token}. */
    public Path kubeconfig(Path file, String token, String serverUrl) {
        write(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: real
                    cluster: {server: "%s", certificate-authority: "%s"}
                users:
                  - name: user
                    user: {token: "%s"}
                contexts:
                  - name: real
                    context: {cluster: real, user: user}
                current-context: real
                """.formatted(serverUrl, caFile().toAbsolutePath(), token));
        return file;
    }

    /** Runs the cached kubectl 1.20 with {@code kubeconfig}; returns its exit code and combined output. */
    public Kubectl.Result kubectl(Path kubeconfig, String... args) {
        return new Kubectl(bin.kubectl(), kubeconfig).run(args);
    }

    /**
     * Stops both processes and starts them again on the same ports and data: what a control-plane restart
     * looks like to a client (connections drop, resource versions survive in etcd).
     */
    public void restart() {
        stopProcesses();
        try {
            startProcesses();
        } catch (RuntimeException e) {
            throw new IllegalStateException("restart failed: " + e.getMessage() + "\n" + logTails(), e);
        }
    }

    /** The last lines of both logs, for failure messages. */
    public String logTails() {
        return tail("etcd.log") + tail("kube-apiserver.log");
    }

    private void startProcesses() {
        etcd = launch("etcd.log", etcdCommand());
        apiServer = launch("kube-apiserver.log", apiServerCommand());
        await().atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .failFast("etcd or kube-apiserver exited", () -> !etcd.isAlive() || !apiServer.isAlive())
                .until(() -> "ok".equals(admin().raw("/readyz")));
    }

    private List<String> etcdCommand() {
        String client = "http://127.0.0.1:" + etcdClientPort;
        String peer = "http://127.0.0.1:" + etcdPeerPort;
        return List.of(
                bin.etcd().toString(),
                "--name=vigil-test",
                "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=" + client,
                "--advertise-client-urls=" + client,
                "--listen-peer-urls=" + peer,
                "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=vigil-test=" + peer,
                "--log-level=warn",
                "--logger=zap");
    }

    private List<String> apiServerCommand() {
        Path key = dir.resolve("sa.key");
        return List.of(
                bin.apiServer().toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdClientPort,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + securePort,
                // 1.20 still opens an unauthenticated port on 8080 unless told not to
                "--insecure-port=0",
                "--cert-dir=" + dir.resolve("certs"),
                "--token-auth-file=" + dir.resolve("tokens.csv"),
                "--authorization-mode=RBAC",
                // the insecure workloads the checks must see are otherwise refused at admission
                "--allow-privileged=true",
                "--anonymous-auth=false",
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + key,
                "--service-account-signing-key-file=" + key,
                "--service-cluster-ip-range=10.0.0.0/24",
                // without a controller manager no namespace gets a "default" ServiceAccount, which this
                // admission plugin would demand of every Pod
                "--disable-admission-plugins=ServiceAccount",
                "--enable-priority-and-fairness=false",
                "--v=1");
    }

    private void writeCredentials() {
        try {
            Files.createDirectories(dir.resolve("certs"));
            write(dir.resolve("tokens.csv"), ADMIN_TOKEN + ",vigil-test-admin,uid-admin,\"system:masters\"\n");
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            byte[] pkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
            write(
                    dir.resolve("sa.key"),
                    "-----BEGIN PRIVATE KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(pkcs8)
                            + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the API server's credentials", e);
        }
    }

    private Process launch(String log, List<String> command) {
        try {
            Files.createDirectories(dir);
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    private String tail(String log) {
        Path file = dir.resolve(log);
        if (!Files.exists(file)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 25), lines.size()));
            return "--- last lines of " + file + " ---\n" + String.join("\n", last) + "\n";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }

    private void stopProcesses() {
        stop(apiServer);
        stop(etcd);
        apiServer = null;
        etcd = null;
    }

    private static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        stopProcesses();
    }

    /**
     * Creates the objects of a multi-document YAML as the admin, as {@code kubectl create -f} does (1.20's
     * server-side apply rejects Service ports without {@code protocol}, which most manifests omit).
     */
    public void create(String yaml) {
        admin().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .create();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
