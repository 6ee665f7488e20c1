package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vigil.report.Causes;
import io.vigil.source.ClusterSnapshot;
import io.vigil.source.WatchedKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live cluster for the one-shot commands ({@code report}, {@code baseline capture} with {@code --kubeconfig}):
 * the named context or a list of the existing ones, requests that fail in seconds (no retries: nobody waits for a
 * CLI that backs off for minutes), and a snapshot that names every kind it could not read. An unreachable server,
 * a refused identity or nothing readable is a {@link UserError} naming the server and the context.
 */
final class ClusterAccess implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int REQUEST_TIMEOUT_MS = 15_000;

    private final KubernetesClient client;
    private final String server;
    private final String context;

    private ClusterAccess(KubernetesClient client, String server, String context) {
        this.client = client;
        this.server = server;
        this.context = context;
    }

    static ClusterAccess open(Path kubeconfig, String requestedContext) {
        String text;
        try {
            text = Files.readString(kubeconfig);
        } catch (IOException e) {
            throw new UserError("--kubeconfig " + kubeconfig + ": cannot read (" + e.getMessage() + ")");
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new UserError(
                    "--kubeconfig " + kubeconfig + ": not a kubeconfig (" + firstLine(e.getMessage()) + ")");
        }
        List<String> contexts = new ArrayList<>();
        if (doc != null) {
            doc.path("contexts").forEach(c -> contexts.add(c.path("name").asText()));
        }
        String context = requestedContext != null
                ? requestedContext
                : doc == null ? "" : doc.path("current-context").asText("");
        if (!contexts.contains(context)) {
            String which = requestedContext != null ? "--context " + context : "current-context \"" + context + "\"";
            throw new UserError(which + ": no such context in " + kubeconfig + " (contexts: "
                    + (contexts.isEmpty() ? "none" : String.join(", ", contexts)) + ")");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(context, text, kubeconfig.toString());
        } catch (RuntimeException e) {
            throw new UserError("--kubeconfig " + kubeconfig + " (context " + context + "): " + e.getMessage());
        }
        config.setRequestRetryBackoffLimit(0);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build();
        return new ClusterAccess(client, client.getMasterUrl().toString(), context);
    }

    /** {@code https://10.0.0.1:6443/ (context prod)}: what every message about this cluster names. */
    String where() {
        return server + " (context " + context + ")";
    }

    String server() {
        return server;
    }

    String context() {
        return context;
    }

    /**
     * Every watched kind, after one cheap request that proves the server answers. Unreachable, unauthorized or
     * nothing readable: a {@link UserError}, so no output can look like a pass.
     */
    ClusterSnapshot.Result read(String consequence) {
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            refuseUnanswered(e, consequence);
        } catch (RuntimeException e) {
            throw new UserError("cannot reach " + where() + ": " + Causes.reason(e) + "; " + consequence);
        }
        ClusterSnapshot.Result result = ClusterSnapshot.read(client);
        for (ClusterSnapshot.Unread u : result.unread()) {
            refuseUnanswered(u.error(), consequence);
        }
        boolean anyBuiltInRead = false;
        for (WatchedKind kind : io.vigil.source.WatchedKinds.ALL) {
            anyBuiltInRead |= !kind.optional()
                    && result.unread().stream().noneMatch(u -> u.kind().equals(kind));
        }
        if (!anyBuiltInRead) {
            throw new UserError(where() + ": nothing readable ("
                    + describe(result.unread().get(0)) + ", and every " + "other kind too); " + consequence);
        }
        return result;
    }

    /** Kind key to why, for the report's "not audited" section. */
    static Map<String, String> reasons(List<ClusterSnapshot.Unread> unread) {
        Map<String, String> out = new LinkedHashMap<>();
        unread.forEach(u -> out.put(u.kind().kindKey(), describe(u)));
        return out;
    }

    static String describe(ClusterSnapshot.Unread u) {
        return "LIST " + u.kind().plural() + ": HTTP " + u.code() + ": " + u.message();
    }

    private void refuseUnanswered(KubernetesClientException e, String consequence) {
        if (e.getCode() <= 0) {
            throw new UserError("cannot reach " + where() + ": "
                    + Causes.reason(e.getCause() == null ? e : e.getCause()) + "; " + consequence);
        }
        if (e.getCode() == 401) {
            throw new UserError(where() + ": HTTP 401: the credentials were refused (" + ClusterSnapshot.message(e)
                    + "); " + consequence);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
