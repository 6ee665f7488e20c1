package io.vigil.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * An in-process Kubernetes API server (fabric8 mock in CRUD mode) for the demo and the integration tests.
 * It serves the Dapr custom resources; it keeps no watch history and runs no controllers.
 */
public final class EmbeddedCluster implements AutoCloseable {
    /** The mock server logs every request through java.util.logging; held strongly so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient admin;

    private EmbeddedCluster(KubernetesMockServer server) {
        this.server = server;
        this.admin = server.createClient();
    }

    /** Starts on loopback; {@code port} 0 picks a free port. {@code customKinds} are served as CRDs. */
    public static EmbeddedCluster start(int port, List<String> customKinds) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(responses);
        KubernetesMockServer server =
                new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        for (WatchedKind kind : WatchedKinds.ALL) {
            if (kind.optional() && customKinds.contains(kind.kindKey())) {
                server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                        .withGroup(kind.group())
                        .withVersion(kind.version())
                        .withKind(kind.kind())
                        .withPlural(kind.plural())
                        .withScope(kind.namespaced() ? "Namespaced" : "Cluster")
                        .build());
            }
        }
        server.init(InetAddress.getLoopbackAddress(), port);
        return new EmbeddedCluster(server);
    }

    public static EmbeddedCluster startWithDapr() {
        return start(0, List.of("dapr.io/Configuration", "dapr.io/Component"));
    }

    /** The API server's URL, e.g. {@code http://127.0.0.1:40123/}. */
    public String url() {
        return server.url("/");
    }

    public int port() {
        return server.getPort();
    }

    /** A new client for this server (the caller closes it). */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    /** The cluster's own admin client, for seeding and scripted changes. */
    public KubernetesClient admin() {
        return admin;
    }

    /** Creates (or replaces) every object of a multi-document YAML stream. */
    public List<HasMetadata> apply(InputStream yaml) {
        List<HasMetadata> objects = admin.load(yaml).items();
        for (HasMetadata o : objects) {
            admin.resource(o).createOr(existing -> existing.update());
        }
        return objects;
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    public KubernetesMockServer server() {
        return server;
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
