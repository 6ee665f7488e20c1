package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.metrics.MetricCatalog;
import io.vigil.pipeline.InformerState;
import io.vigil.source.WatchedKind;
import io.vigil.testing.LogCapture;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The API server goes away for 20 s after Vigil has synced (a proxy cuts every connection and refuses new ones),
 * then comes back. The log says so once for the server and once per kind each way, from Vigil's own loggers:
 * no line per retry, none from fabric8, no stack trace. Vigil's client has fabric8's default retries, as
 * {@code vigil watch} does.
 */
class ApiServerOutageLogIT {
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final String HEALTH = "io.vigil.source.ApiServerHealth";
    private static final String INFORMER = "io.vigil.source.KindInformer";
    private static final String PIPELINE = "io.vigil.pipeline.Readiness";

    @Test
    void anOutageAfterStartIsOneLineForTheServerAndOnePerKindEachWay() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.startWithDapr();
                TcpProxy proxy = TcpProxy.start(cluster.port())) {
            try (var in = Files.newInputStream(Path.of("docs/examples/task-api/insecure.yaml"))) {
                cluster.apply(in);
            }
            String url = proxy.url();
            var client = new KubernetesClientBuilder()
                    .withConfig(new ConfigBuilder().withMasterUrl(url).build())
                    .build();
            try (RunningVigil vigil = RunningVigil.start(client, RunningVigil.fastPipeline())) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> vigil.service().ready());
                List<String> watched = kindsIn(vigil, InformerState.SYNCED);
                assertThat(watched).hasSizeGreaterThan(10);

                List<ILoggingEvent> outage;
                List<ILoggingEvent> recovery;
                try (LogCapture log = LogCapture.asProduction("io.vigil", "io.fabric8")) {
                    proxy.pause();
                    proxy.cutAll();
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> kindsIn(vigil, InformerState.SYNCED).isEmpty());
                    await().during(OUTAGE)
                            .atMost(OUTAGE.plusSeconds(10))
                            .until(() -> vigil.gauge(MetricCatalog.API_SERVER_UP.name()) == 0.0
                                    && kindsIn(vigil, InformerState.SYNCED).isEmpty());
                    assertThat(vigil.service().ready())
                            .as("ready means synced once")
                            .isTrue();
                    outage = log.events();
                    log.clear();

                    proxy.resume();
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> kindsIn(vigil, InformerState.SYNCED).equals(watched)
                                    && vigil.gauge(MetricCatalog.API_SERVER_UP.name()) == 1.0
                                    && log.events().size() >= watched.size() + 1);
                    recovery = log.events();
                }
                // the figures docs/observability.md quotes
                System.out.println("outage of " + OUTAGE.toSeconds() + " s: " + byLogger(outage) + ", "
                        + traceLines(outage) + " stack trace lines; recovery: " + byLogger(recovery) + ", "
                        + traceLines(recovery) + " stack trace lines");

                assertThat(outage).as("no stack trace").allMatch(e -> e.getThrowableProxy() == null);
                assertThat(byLogger(outage))
                        .as(messages(outage))
                        .isEqualTo(Map.of(HEALTH, 1, PIPELINE, watched.size()));
                assertThat(lines(outage, HEALTH))
                        .singleElement()
                        .satisfies(l -> assertThat(l).startsWith("API server " + url + " unreachable: "));
                assertThat(lines(outage, PIPELINE))
                        .allMatch(l -> l.startsWith("lost sight of ")
                                && l.endsWith(" (syncing): its findings stay" + " open and are marked stale"));

                assertThat(recovery).as("no stack trace").allMatch(e -> e.getThrowableProxy() == null);
                assertThat(byLogger(recovery))
                        .as(messages(recovery))
                        .isEqualTo(Map.of(HEALTH, 1, INFORMER, watched.size()));
                assertThat(lines(recovery, HEALTH))
                        .containsExactly("API server " + url + " answers again: watching again (each kind re-lists)");
                assertThat(lines(recovery, INFORMER))
                        .allMatch(l -> l.endsWith(" is watched again: re-listed, its findings are current"));
            }
        }
    }

    private static List<String> kindsIn(RunningVigil vigil, InformerState state) {
        return vigil.service().source().states().entrySet().stream()
                .filter(e -> e.getValue() == state)
                .map(Map.Entry::getKey)
                .map(WatchedKind::kindKey)
                .toList();
    }

    private static Map<String, Integer> byLogger(List<ILoggingEvent> events) {
        Map<String, Integer> out = new TreeMap<>();
        events.forEach(e -> out.merge(e.getLoggerName(), 1, Integer::sum));
        return out;
    }

    private static int traceLines(List<ILoggingEvent> events) {
        int lines = 0;
        for (ILoggingEvent e : events) {
            for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                lines += 1 + t.getStackTraceElementProxyArray().length;
            }
        }
        return lines;
    }

    private static List<String> lines(List<ILoggingEvent> events, String logger) {
        return events.stream()
                .filter(e -> e.getLoggerName().equals(logger))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static String messages(List<ILoggingEvent> events) {
        StringBuilder b = new StringBuilder();
        events.forEach(e -> b.append(e.getLevel())
                .append(' ')
                .append(e.getLoggerName())
                .append(": ")
                .append(e.getFormattedMessage())
                .append('\n'));
        return b.toString();
    }
}
