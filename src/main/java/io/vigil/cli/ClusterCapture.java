package io.vigil.cli;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vigil.baseline.Baseline;
import io.vigil.baseline.BaselineCapture;
import io.vigil.baseline.Fingerprints;
import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Finding;
import io.vigil.model.KubeObject;
import io.vigil.source.ClusterSnapshot;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code vigil baseline capture --kubeconfig}: one LIST of every watched kind (projected like the live
 * cache), evaluated with the built-in checks over a view of all of it, as {@code vigil watch} would.
 */
final class ClusterCapture {
    private ClusterCapture() {}

    static Baseline capture(Path kubeconfig, String context, AuditSettings settings, Instant at, String by) {
        Config config;
        try {
            config = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
        } catch (IOException e) {
            throw new UserError("--kubeconfig " + kubeconfig + ": cannot read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new UserError("--kubeconfig " + kubeconfig + ": " + e.getMessage());
        }
        // a one-shot command: fail in seconds, not after the watch-oriented default of ten backed-off retries
        config.setRequestRetryBackoffLimit(1);
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            String url = client.getMasterUrl().toString();
            probe(client, url);
            List<KubeObject> objects = ClusterSnapshot.list(client);
            List<Finding> findings = BaselineCapture.evaluate(objects, BuiltInChecks.catalog(), settings);
            String source = "cluster " + url + (context == null ? "" : " (context " + context + ")");
            return BaselineCapture.capture(
                    objects, findings, settings, BaselineCapture.metadata(settings, at, by, source));
        }
    }

    /**
     * A LIST the snapshot skips silently (not served, forbidden, unreachable) would leave a kind out of the
     * baseline, and every object of it would later look created: every fingerprinted built-in kind must be
     * readable; a custom one (Dapr) may be absent from the cluster.
     */
    private static void probe(KubernetesClient client, String url) {
        for (WatchedKind kind : WatchedKinds.ALL) {
            if (!Fingerprints.covers(kind.kindKey())) {
                continue;
            }
            ResourceDefinitionContext ctx = kind.context();
            try {
                var op = client.genericKubernetesResources(ctx);
                ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
                if (kind.namespaced()) {
                    op.inAnyNamespace().list(one);
                } else {
                    op.list(one);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 && kind.optional()) {
                    continue;
                }
                String why = e.getCode() <= 0
                        ? "cannot reach " + url + ": " + rootMessage(e)
                        : "cannot list " + kind.plural() + " (HTTP " + e.getCode()
                                + (e.getStatus() == null
                                        ? ""
                                        : ", " + e.getStatus().getReason()) + ")";
                throw new UserError(why + "; no baseline written (it would miss every " + kind.kind() + ")");
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
}
