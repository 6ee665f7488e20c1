package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.demo.EmbeddedCluster;
import io.vigil.format.FindingJson;
import io.vigil.model.FindingEvent;
import io.vigil.testing.DebianTool;
import io.vigil.testing.FindingStream;
import io.vigil.testing.KafkaForTests;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ShopManifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent client reads the stream: kcat (librdkafka, Debian package {@code kcat}) consumes the events topic
 * read_committed, exactly as {@code docs/kafka.md} shows, and every line's JSON is checked: key = subject =
 * {@code data.finding_info.uid}, a finding event type matching its OCSF activity, and as many events as Vigil
 * published, with the same ids. Proves the format is readable by something that is not Vigil (nor Java).
 */
class KcatIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, Integer> ACTIVITY =
            Map.of("opened", 1, "changed", 2, "suppressed", 2, "exception_expired", 2, "resolved", 3);

    @TempDir
    Path dataDir;

    @Test
    void kcatReadsEveryCommittedEventAsCloudEventsJson() throws Exception {
        Path kcat = DebianTool.require("kcat", "kcat");
        try (KafkaForTests kafka = KafkaForTests.start();
                EmbeddedCluster cluster = EmbeddedCluster.startWithDapr()) {
            var kube = cluster.admin();
            KafkaBrokerOutageIT.apply(cluster, SEED);
            try (RunningVigil vigil =
                    RunningVigil.startWithKafka(cluster.newClient(), kafka.bootstrapServers(), dataDir, 10_000)) {
                await().atMost(WAIT).until(() -> vigil.service().ready());
                kube.apps().deployments().inNamespace("shop").withName("api").edit(d -> {
                    var container =
                            d.getSpec().getTemplate().getSpec().getContainers().get(0);
                    container.getSecurityContext().setPrivileged(false);
                    container.setImage("shop/api:1.1");
                    return d;
                });
                await().atMost(WAIT)
                        .until(() ->
                                !vigil.eventsOfType(FindingEvent.Resolved.class).isEmpty()
                                        && !vigil.eventsOfType(FindingEvent.Changed.class)
                                                .isEmpty());
                KafkaBrokerOutageIT.awaitPublished(kafka, vigil);
                List<String> published =
                        vigil.events().stream().map(FindingEvent::id).toList();

                List<String> lines = kcat(kcat, kafka.bootstrapServers());
                assertThat(lines).hasSize(published.size());
                List<String> ids = new ArrayList<>();
                for (String line : lines) {
                    int tab = line.indexOf('\t');
                    assertThat(tab).as("key<TAB>value: %s", line).isPositive();
                    String key = line.substring(0, tab);
                    JsonNode event = FindingJson.MAPPER.readTree(line.substring(tab + 1));
                    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                    assertThat(event.path("subject").asText()).isEqualTo(key);
                    assertThat(event.at("/data/finding_info/uid").asText()).isEqualTo(key);
                    assertThat(event.path("id").asText())
                            .startsWith(key + ":")
                            .isEqualTo(event.at("/data/metadata/uid").asText());
                    String type = event.path("type").asText();
                    assertThat(type).startsWith("io.vigil.finding.");
                    String shortType = type.substring("io.vigil.finding.".length());
                    assertThat(event.at("/data/activity_id").asInt())
                            .as("activity of %s", type)
                            .isEqualTo(ACTIVITY.get(shortType));
                    assertThat(event.at("/data/class_uid").asInt()).isEqualTo(2003);
                    assertThat(event.at("/data/compliance/status_id").asInt())
                            .isEqualTo(shortType.equals("resolved") ? 1 : 3);
                    ids.add(event.path("id").asText());
                }
                assertThat(ids).containsExactlyInAnyOrderElementsOf(published);
                assertThat(ids)
                        .containsExactlyInAnyOrderElementsOf(
                                FindingStream.ids(FindingStream.events(kafka.bootstrapServers())));
            }
        }
    }

    /** {@code kcat -C ... -e}: every committed record, then exit. */
    private List<String> kcat(Path kcat, String bootstrap) throws IOException, InterruptedException {
        Path out = dataDir.resolve("kcat.out");
        Path err = dataDir.resolve("kcat.err");
        Process p = new ProcessBuilder(
                        kcat.toString(),
                        "-C",
                        "-b",
                        bootstrap,
                        "-t",
                        FindingStream.EVENTS_TOPIC,
                        "-X",
                        "isolation.level=read_committed",
                        "-o",
                        "beginning",
                        "-e",
                        "-q",
                        "-f",
                        "%k\t%s\n")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kcat did not exit within 60 s: " + Files.readString(err));
        }
        assertThat(p.exitValue())
                .as("kcat exit status; stderr: %s", Files.readString(err))
                .isZero();
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isEmpty())
                .toList();
    }

    private static final String SEED = ShopManifests.join(ShopManifests.SHOP_NAMESPACE, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                    - name: api
                      image: shop/api:1.0
                      securityContext: {privileged: true}

            """);
}
