package io.vigil.sink.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up against Kafka (DESIGN §7): make sure both topics exist with the right settings, start the
 * transactional producer ({@code initTransactions()} fences a dead instance's open transaction), then read
 * the state topic to its end offsets: what was published before, which the ledger resumes from.
 */
public final class KafkaBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBootstrap.class);

    private KafkaBootstrap() {}

    /** The producer (transactions initialised), the restart read, and the last event id per finding. */
    public record Connected(
            Producer<byte[], byte[]> producer, StateTopicReader.Snapshot snapshot, Map<String, String> published) {}

    /** A problem the operator must fix (topic settings, permissions): not retried. */
    public static final class SetupException extends RuntimeException {
        public SetupException(String message) {
            super(message);
        }
    }

    public static Connected connect(KafkaSettings settings, Duration timeout) {
        ensureTopics(settings, timeout);
        Producer<byte[], byte[]> producer = new KafkaProducer<>(KafkaSink.producerProperties(settings));
        try {
            producer.initTransactions();
            StateTopicReader.Snapshot snapshot = StateTopicReader.read(settings, Map.of(), timeout);
            Map<String, String> published = new HashMap<>();
            snapshot.latest().forEach((key, record) -> published.put(key, KafkaSink.lastEventId(record)));
            LOG.info("state topic {} read: {} findings last published", settings.stateTopic(), published.size());
            return new Connected(producer, snapshot, published);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    static void ensureTopics(KafkaSettings settings, Duration timeout) {
        Map<String, Object> props = new HashMap<>(settings.properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5000));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(settings.eventsTopic())) {
                missing.add(new NewTopic(settings.eventsTopic(), java.util.Optional.empty(), java.util.Optional.empty())
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(settings.eventsRetention().toMillis()))));
            }
            if (!existing.contains(settings.stateTopic())) {
                missing.add(new NewTopic(settings.stateTopic(), java.util.Optional.empty(), java.util.Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (!missing.isEmpty()) {
                create(admin, settings, missing);
            }
            verifyCompacted(admin, settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while checking topics", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        }
    }

    private static void create(Admin admin, KafkaSettings settings, List<NewTopic> missing)
            throws InterruptedException, ExecutionException {
        List<String> names = missing.stream().map(NewTopic::name).toList();
        if (!settings.createTopics()) {
            throw new SetupException("Kafka topics " + names + " do not exist and kafka.createTopics is false: create "
                    + settings.eventsTopic() + " (cleanup.policy=delete, retention.ms) and " + settings.stateTopic()
                    + " (cleanup.policy=compact)");
        }
        try {
            admin.createTopics(missing).all().get();
            LOG.info("created Kafka topics {}", names);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            if (e.getCause() instanceof TopicAuthorizationException
                    || e.getCause() instanceof ClusterAuthorizationException) {
                throw new SetupException("not allowed to create Kafka topics " + names + ": create them yourself ("
                        + settings.eventsTopic() + ": cleanup.policy=delete; " + settings.stateTopic()
                        + ": cleanup.policy=compact) or grant CreateTopics to Vigil's principal");
            }
            throw e;
        }
    }

    private static void verifyCompacted(Admin admin, KafkaSettings settings)
            throws InterruptedException, ExecutionException {
        ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, settings.stateTopic());
        Config config = admin.describeConfigs(List.of(state)).all().get().get(state);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
            throw new SetupException("Kafka topic " + settings.stateTopic() + " has cleanup.policy=" + policy
                    + ": it must be exactly 'compact' (with 'delete', long-open findings vanish from the state topic)");
        }
    }
}
