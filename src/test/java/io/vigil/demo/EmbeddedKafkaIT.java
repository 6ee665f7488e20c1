package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The in-process broker carries what Vigil's sink needs: a transactional producer and a read_committed
 * consumer, exactly once, across a broker outage (stop, then restart on the same port and data).
 */
class EmbeddedKafkaIT {
    private static final String TOPIC = "vigil.findings";
    private static final String GROUP = "embedded-kafka-it";

    @Test
    void transactionsSurviveABrokerOutage() throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null)) {
            long startMs = millisSince(t0);
            System.out.printf("EmbeddedKafka: started in %d ms on %s%n", startMs, kafka.bootstrapServers());
            assertThat(startMs).as("first start (2-5 s on an idle machine)").isLessThan(90_000);

            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
            }

            try (KafkaProducer<String, String> tx = transactionalProducer(kafka);
                    KafkaConsumer<String, String> consumer = readCommittedConsumer(kafka)) {
                long t1 = System.nanoTime();
                tx.initTransactions();
                commit(tx, "a", 10);
                abort(tx, "aborted", 3);
                System.out.printf("EmbeddedKafka: initTransactions + 2 transactions in %d ms%n", millisSince(t1));

                consumer.subscribe(List.of(TOPIC));
                List<String> first = pollValues(consumer, 10, Duration.ofSeconds(30));
                assertThat(first).containsExactlyInAnyOrderElementsOf(values("a", 10));
                consumer.commitSync();

                long t2 = System.nanoTime();
                kafka.stop();
                System.out.printf("EmbeddedKafka: stopped in %d ms%n", millisSince(t2));
                assertThat(kafka.isRunning()).isFalse();

                long t3 = System.nanoTime();
                try (KafkaProducer<String, String> plain = outageProducer(kafka)) {
                    assertThatThrownBy(() -> plain.send(new ProducerRecord<>(TOPIC, "k", "lost"))
                                    .get(10, TimeUnit.SECONDS))
                            .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
                }
                assertThat(millisSince(t3))
                        .as("a send fails quickly while the broker is down")
                        .isLessThan(8_000);

                long t4 = System.nanoTime();
                kafka.restart();
                long restartMs = millisSince(t4);
                System.out.printf("EmbeddedKafka: restarted in %d ms%n", restartMs);
                assertThat(kafka.isRunning()).isTrue();

                commit(tx, "b", 5);
                List<String> second = pollValues(consumer, 5, Duration.ofSeconds(60));
                assertThat(second).containsExactlyInAnyOrderElementsOf(values("b", 5));
                consumer.commitSync();
                assertThat(pollValues(consumer, 1, Duration.ofSeconds(2)))
                        .as("nothing twice, nothing aborted")
                        .isEmpty();
            }
        }
    }

    private static void commit(KafkaProducer<String, String> tx, String prefix, int n) {
        tx.beginTransaction();
        for (String v : values(prefix, n)) {
            tx.send(new ProducerRecord<>(TOPIC, v, v));
        }
        tx.commitTransaction();
    }

    private static void abort(KafkaProducer<String, String> tx, String prefix, int n) {
        tx.beginTransaction();
        for (String v : values(prefix, n)) {
            tx.send(new ProducerRecord<>(TOPIC, v, v));
        }
        tx.flush();
        tx.abortTransaction();
    }

    private static List<String> values(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int atLeast, Duration within) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (out.size() < atLeast && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                out.add(r.value());
            }
        }
        return out;
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "vigil-embedded-kafka-it",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaProducer<String, String> outageProducer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_500),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommittedConsumer(EmbeddedKafka kafka) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        GROUP,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
