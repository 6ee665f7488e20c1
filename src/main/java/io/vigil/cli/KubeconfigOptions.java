package io.vigil.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig}/{@code --context} of the one-shot commands that can read a live cluster. */
public final class KubeconfigOptions {
    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description = "read a live cluster from this kubeconfig (one LIST of every watched kind)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "kubeconfig context (default: the current one)")
    String context;

    /** Whether a cluster is the input; a {@code --context} without {@code --kubeconfig} is a usage error. */
    boolean given() {
        if (context != null && kubeconfig == null) {
            throw new UserError("--context needs --kubeconfig FILE");
        }
        return kubeconfig != null;
    }

    ClusterAccess open() {
        return ClusterAccess.open(kubeconfig, context);
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    String context() {
        return context;
    }
}
