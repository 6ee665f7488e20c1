package io.vigil.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vigil.checks.BuiltInChecks;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.MaskKeyFile;
import io.vigil.config.VigilConfig;
import io.vigil.model.Masking;
import io.vigil.service.Leadership;
import io.vigil.service.VigilService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil watch}: the continuous audit service. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Watch a cluster and audit every change (kubeconfig or in-cluster).",
            "Settings come from --config and VIGIL_* environment variables (see docs/configuration.md)."
        })
public final class WatchCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "vigil.yaml")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VigilConfig cfg;
        try {
            cfg = new ConfigLoader(BuiltInChecks.catalog().ids()).load(Optional.ofNullable(config), System.getenv());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("vigil: invalid configuration:\n" + e.getMessage());
            return ExitCodes.USAGE;
        }
        configureLogging(cfg.log());
        Logger log = LoggerFactory.getLogger(WatchCommand.class);
        Masking masking = masking(cfg, log);
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(kubeConfig(cfg.kubernetes()))
                .build();
        VigilService service;
        try {
            service = VigilService.start(
                            client,
                            VigilService.Options.from(cfg, masking),
                            leadership(cfg, log),
                            List.of(),
                            Clock.systemUTC())
                    .await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw new UserError("could not start: " + e.getMessage());
        }
        log.info(
                "vigil {} watching cluster {} at {}; HTTP on {}:{}",
                io.vigil.config.Version.get(),
                cfg.cluster().name(),
                client.getMasterUrl(),
                cfg.http().host(),
                service.httpPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("stopping: draining the pipeline");
                            service.stop();
                            log.info("stopped cleanly");
                            stopped.countDown();
                        },
                        "vigil-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    /** The configured mask key, or the one kept in the data directory (generated on first start). */
    private static Masking masking(VigilConfig cfg, Logger log) {
        if (cfg.secrets().maskKey().isPresent()) {
            return cfg.secrets().maskKey().get();
        }
        try {
            MaskKeyFile.Loaded key = MaskKeyFile.readOrCreate(cfg.dataDir());
            log.warn(
                    "no secrets.maskKeyFile: masked values use the key {} {} in the data directory; a restart on a"
                            + " new volume (or another replica) shows different masks: mount one key for all",
                    key.file(),
                    key.generated() ? "generated now" : "generated earlier");
            return key.masking();
        } catch (MaskKeyFile.Invalid e) {
            throw new UserError("mask key: " + e.getMessage() + " (or set secrets.maskKeyFile)");
        }
    }

    /**
     * Under leader election a replica that lost the Lease exits (as client-go controllers do): its restart
     * rejoins as a follower with nothing left over from its term.
     */
    static Optional<Leadership.Settings> leadership(VigilConfig cfg, Logger log) {
        if (!cfg.leaderElection().enabled()) {
            return Optional.empty();
        }
        return Optional.of(new Leadership.Settings(cfg.leaderElection(), identity(), () -> {
            log.warn(
                    "exiting after losing Lease {}: a restart rejoins as a follower",
                    cfg.leaderElection().lease());
            System.exit(ExitCodes.INTERNAL);
        }));
    }

    /** The pod name (HOSTNAME in Kubernetes) plus a random suffix: a restarted pod is a new candidate. */
    private static String identity() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "vigil";
            }
        }
        return host + "_" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static Config kubeConfig(VigilConfig.Kubernetes k) throws IOException {
        String context = k.context().orElse(null);
        if (k.kubeconfig().isPresent()) {
            Path file = k.kubeconfig().get();
            return Config.fromKubeconfig(context, Files.readString(file), file.toString());
        }
        return Config.autoConfigure(context);
    }

    /** Re-initialises logback with the configured format and level (its config reads these properties). */
    private static void configureLogging(VigilConfig.Log log) {
        if (System.getenv("VIGIL_LOG_FORMAT") == null) {
            System.setProperty("VIGIL_LOG_FORMAT", log.format().name().toLowerCase(Locale.ROOT));
        }
        System.setProperty("VIGIL_LOG_LEVEL", log.level().name());
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (Exception e) {
                System.err.println("vigil: logging configuration failed: " + e.getMessage());
            }
        }
    }
}
