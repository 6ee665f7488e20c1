package io.vigil.sink.kafka;

import io.vigil.model.FindingEvent;
import io.vigil.pipeline.FindingLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN §7 restart: before anything is evaluated, fence the previous producer, read the state topic and
 * resume the ledger from it, so the first evaluation publishes only what changed while Vigil was down.
 * Events still waiting in the outbox from an earlier run left the ledger before it stopped and will be
 * delivered (those Kafka already holds are skipped); resuming from the state topic alone would derive them a
 * second time in the first evaluation (a second OPENED under a new id, or a RESOLVED whose id repeats the
 * waiting one). So the ledger resumes from whichever is later per finding.
 */
public final class KafkaResume {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaResume.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    /** The last state to resume per finding, and how many of them came from the outbox. */
    public record Plan(Map<String, LastState> last, int fromOutbox) {}

    private KafkaResume() {}

    /**
     * Fences and reads the state topic, waiting while Kafka is unreachable (the service is not ready
     * meanwhile). A setup problem (topic policy, permissions) fails at once.
     */
    public static KafkaBootstrap.Connected connect(KafkaSettings settings) {
        long attempt = 0;
        while (true) {
            try {
                return KafkaBootstrap.connect(settings, Duration.ofSeconds(10));
            } catch (KafkaBootstrap.SetupException e) {
                throw e;
            } catch (KafkaException e) {
                if (attempt++ % 6 == 0) {
                    LOG.warn("waiting for Kafka at {}: {}", settings.bootstrap(), e.getMessage());
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", ie);
        }
    }

    /**
     * What to resume: per finding, the state topic's last record, replaced by the outbox's last event for it
     * unless the state topic already holds that event's id (it was delivered before the restart).
     */
    public static Plan plan(Collection<ConsumerRecord<byte[], byte[]>> stateTopic, Collection<PendingRecord> outbox) {
        Map<String, LastState> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : stateTopic) {
            StateRecords.Result result = StateRecords.read(record);
            if (result instanceof LastState state) {
                last.put(state.findingId(), state);
            } else if (result instanceof StateRecords.Malformed bad) {
                LOG.warn("state topic record {} ignored: {}", bad.key(), bad.reason());
            }
        }
        int fromOutbox = 0;
        for (PendingRecord p : outbox) {
            if (!p.type().startsWith(FindingRecords.TYPE_PREFIX)) {
                continue;
            }
            StateRecords.Result result = StateRecords.read(p.key().getBytes(StandardCharsets.UTF_8), p.value(), null);
            if (result instanceof LastState state) {
                LastState published = last.get(state.findingId());
                if (published == null || !published.covers(state.eventId())) {
                    last.put(state.findingId(), state);
                    fromOutbox++;
                }
            } else if (result instanceof StateRecords.Malformed bad) {
                LOG.warn("outbox record {} not resumed: {}", bad.key(), bad.reason());
            }
        }
        return new Plan(last, fromOutbox);
    }

    /**
     * Restores the ledger from the plan. Returns the findings resumed open, as OPENED events with reason
     * {@code resumed}, for listeners that count open findings (they are not published).
     */
    public static List<FindingEvent> restore(Plan plan, FindingLedger ledger) {
        List<FindingEvent> resumed = new ArrayList<>();
        for (LastState state : plan.last().values()) {
            if (state.resolved()) {
                ledger.restoreResolved(state.findingId(), state.openedAt());
            } else if (state.tracked() != null) {
                ledger.restore(
                        state.tracked().finding().resource().key(),
                        state.tracked(),
                        state.openedAt(),
                        state.sequence());
                resumed.add(new FindingEvent.Opened(
                        state.tracked(),
                        state.sequence(),
                        state.openedAt(),
                        state.tracked().status().lastSeen(),
                        "resumed"));
            }
        }
        return resumed;
    }
}
