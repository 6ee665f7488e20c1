package io.vigil.demo;

import io.vigil.VigilService;
import io.vigil.check.AuditSettings;
import io.vigil.checks.BuiltInChecks;
import io.vigil.cli.ExitCodes;
import io.vigil.cli.UserError;
import io.vigil.sink.ConsoleSink;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil demo}: the whole pipeline against an embedded API server seeded with the Task API. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run Vigil against an in-process Kubernetes API server seeded with the Task API example,",
            "stream finding events to the console, then apply a scripted drift and a partial revert."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port for /metrics and /api (default: ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--drift-after", defaultValue = "5", paramLabel = "SECONDS",
            description = "seconds after the first evaluation before the scripted drift (default: ${DEFAULT-VALUE})")
    int driftAfter;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
            description = "stop after this many seconds (default: run until Ctrl-C)")
    int duration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535 || driftAfter < 0 || duration < 0) {
            throw new UserError("--port must be 0-65535; --drift-after and --duration must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("vigil demo: starting an in-process Kubernetes API server (fabric8 mock, CRUD mode)");
        out.flush();
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            int seeded = DemoScenario.seed(cluster);
            out.printf("seeded the Task API: %d objects in namespaces task-api-dev (insecure) and task-api (hardened)%n",
                    seeded);
            VigilService service = startService(cluster);
            out.printf("HTTP on :%d  (curl localhost:%d/api/v1/findings?severity=critical, /metrics, /readyz)%n",
                    service.httpPort(), service.httpPort());
            out.println("finding events as they happen:");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "vigil-demo-shutdown"));
            awaitReady(service);
            runScript(cluster, out, stopped);
            if (duration > 0) {
                stopped.await(duration, TimeUnit.SECONDS);
            } else {
                stopped.await();
            }
            out.println("vigil demo: stopping");
            out.flush();
            service.stop();
        }
        return ExitCodes.OK;
    }

    private VigilService startService(EmbeddedCluster cluster) throws Exception {
        VigilService.Options options = VigilService.defaults(AuditSettings.defaults(), BuiltInChecks.catalog(), port,
                null);
        return VigilService.start(cluster.newClient(), options, List.of(new ConsoleSink(System.out)),
                Clock.systemUTC()).await(30, TimeUnit.SECONDS);
    }

    private static void awaitReady(VigilService service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!service.ready() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private void runScript(EmbeddedCluster cluster, PrintWriter out, CountDownLatch stopped)
            throws InterruptedException {
        if (stopped.await(driftAfter, TimeUnit.SECONDS)) {
            return;
        }
        out.println("--- drift: a wildcard ClusterRole bound to oncall@example.com, a privileged pod in task-api");
        out.flush();
        DemoScenario.drift(cluster.admin());
        if (stopped.await(Math.max(3, driftAfter), TimeUnit.SECONDS)) {
            return;
        }
        out.println("--- partial revert: the privileged pod is deleted (the wildcard grant stays)");
        out.flush();
        DemoScenario.revert(cluster.admin());
    }
}
