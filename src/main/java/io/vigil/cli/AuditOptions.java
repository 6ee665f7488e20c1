package io.vigil.cli;

import io.vigil.check.AuditSettings;
import io.vigil.model.Masking;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What the commands that evaluate locally (scan, report, baseline capture) audit: one declaration so that the same
 * option means the same thing, with the same default, in each of them.
 */
public final class AuditOptions {
    static final String DEFAULT_CLUSTER = "default";

    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            description = "cluster name in finding ids (default: " + DEFAULT_CLUSTER + ")")
    String cluster;

    @Option(
            names = "--namespace",
            defaultValue = "default",
            description = "namespace of manifest objects that declare none (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--include-system", description = "also audit system namespaces and built-in RBAC objects")
    boolean includeSystem;

    @Option(
            names = "--allowed-registry",
            paramLabel = "PREFIX",
            description = "trusted image registry or repository prefix (repeatable); enables image-untrusted-registry")
    List<String> allowedRegistries = new ArrayList<>();

    /** The settings of this run. */
    AuditSettings settings(Masking masking) {
        return AuditSettings.defaults()
                .withCluster(cluster())
                .withIncludeSystem(includeSystem)
                .withAllowedRegistries(allowedRegistries)
                .withMasking(masking);
    }

    /** The cluster name findings carry: the one given, else {@value #DEFAULT_CLUSTER}. */
    String cluster() {
        return cluster == null ? DEFAULT_CLUSTER : cluster;
    }

    /** The cluster named on the command line, or null: a capture from a running Vigil then takes that Vigil's. */
    String givenCluster() {
        return cluster;
    }

    String namespace() {
        return namespace;
    }
}
