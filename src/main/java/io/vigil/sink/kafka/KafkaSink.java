package io.vigil.sink.kafka;

import io.micrometer.core.instrument.Tags;
import io.vigil.metrics.MetricCatalog;
import io.vigil.metrics.VigilMetrics;
import io.vigil.model.FindingEvent;
import io.vigil.pipeline.FindingSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes finding events to Kafka with the guarantee of DESIGN §7. A dedicated thread owns the
 * transactional producer and writes both topics in one transaction per flush batch (every flushInterval
 * or flushMaxEvents). When Kafka does not take a batch, it goes to the fsync'd {@link Outbox}; while the
 * outbox is non-empty new events queue behind it, and it drains in order when Kafka is back. A commit
 * that failed may still have landed, so before draining, the state topic is read from the last known
 * committed offsets and events it already holds are skipped: nothing is published twice.
 */
public final class KafkaSink implements FindingSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    /**
     * A finding event to encode on this thread, or an already-encoded record (a config change), and when it was
     * handed over.
     */
    private record Item(FindingEvent event, long receivedNanos, PendingRecord encoded, long queuedNanos) {}

    /** Wakes the producer thread for {@link #close()}; carries no event. */
    private static final Item WAKE = new Item(null, 0, null, 0);

    private final KafkaSettings settings;
    private final FindingRecords records;
    private final VigilMetrics metrics;
    private final Outbox outbox;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Map<String, String> alreadyPublished = new HashMap<>();
    private final Map<TopicPartition, Long> committedEnd = new HashMap<>();
    private Producer<byte[], byte[]> producer;
    private boolean recheckNeeded;
    private long nextAttemptNanos;
    private volatile boolean running = true;
    private volatile int outboxSize;
    private volatile boolean fatal;

    /**
     * @param published last published event id per finding (from the restart read of the state topic)
     * @param readEnd   the state topic end offsets that read stopped at
     */
    public KafkaSink(
            KafkaSettings settings,
            FindingRecords records,
            VigilMetrics metrics,
            Path dataDir,
            KafkaBootstrap.Connected connected) {
        this(
                settings,
                records,
                metrics,
                dataDir,
                connected.published(),
                connected.snapshot().endOffsets());
        this.producer = connected.producer();
    }

    private KafkaSink(
            KafkaSettings settings,
            FindingRecords records,
            VigilMetrics metrics,
            Path dataDir,
            Map<String, String> published,
            Map<TopicPartition, Long> readEnd) {
        this.settings = settings;
        this.records = records;
        this.metrics = metrics;
        this.outbox = new Outbox(dataDir.resolve("outbox"), settings.outboxMaxRecords());
        this.alreadyPublished.putAll(published);
        this.committedEnd.putAll(readEnd);
        this.outboxSize = outbox.size();
        metrics.gauge(MetricCatalog.KAFKA_OUTBOX, Tags.empty(), () -> outboxSize);
        metrics.gauge(MetricCatalog.KAFKA_OUTBOX_CAPACITY, Tags.empty()).set(settings.outboxMaxRecords());
        this.thread = new Thread(this::run, "vigil-kafka-producer");
        this.thread.setDaemon(true);
    }

    /**
     * The last event waiting in the outbox for each finding (from an earlier run): the ledger resumes from it where
     * it is later than the state topic. Read before {@link #start()}, while no other thread uses the outbox.
     */
    public Map<String, PendingRecord> waitingInOutbox() {
        if (thread.isAlive()) {
            throw new IllegalStateException("the outbox is read before the producer thread starts");
        }
        return outbox.lastPerKey();
    }

    public void start() {
        if (!outbox.isEmpty()) {
            LOG.info("{} events wait in the outbox from an earlier run; they go first", outbox.size());
        }
        thread.start();
    }

    @Override
    public void publish(List<FindingEvent> events, long receivedNanos) {
        long now = System.nanoTime();
        for (FindingEvent e : events) {
            queue.add(new Item(e, receivedNanos, null, now));
        }
    }

    /** {@code io.vigil.config.changed}: events topic only, in order with the finding events around it. */
    public void publishConfigChange(PendingRecord record) {
        queue.add(new Item(null, 0, record, System.nanoTime()));
    }

    @Override
    public boolean acknowledges() {
        return true;
    }

    /** Backpressure: a full outbox stops the pipeline from taking more keys (the caches keep the latest state). */
    @Override
    public boolean accepting() {
        return !fatal && outboxSize < settings.outboxMaxRecords();
    }

    @Override
    public boolean ready() {
        // DESIGN §7: a full outbox is a readiness failure, even while Kafka is reachable again and draining.
        return !fatal && outboxSize < settings.outboxMaxRecords();
    }

    /**
     * Stops after handing every queued event to Kafka or the outbox. The producer thread is woken by an item, never
     * interrupted: an interrupt closes the outbox's FileChannel (ClosedByInterruptException) in the middle of an
     * append, the thread dies and the events it held are silently lost. Its blocking Kafka calls end on their own
     * within max.block.ms.
     */
    @Override
    public void close() {
        running = false;
        queue.add(WAKE);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- producer thread

    private void run() {
        try {
            while (running || !queue.isEmpty()) {
                List<PendingRecord> batch = nextBatch();
                if (!batch.isEmpty()) {
                    deliver(batch);
                } else if (!outbox.isEmpty()) {
                    drainOutbox();
                }
            }
        } finally {
            closeProducer(Duration.ofSeconds(5));
            outbox.close();
        }
    }

    private List<PendingRecord> nextBatch() {
        List<PendingRecord> batch = new ArrayList<>();
        List<Item> taken = new ArrayList<>();
        try {
            Item first = queue.poll(outbox.isEmpty() ? 200 : RETRY.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                return batch;
            }
            add(batch, first, taken);
            // The window runs from the oldest event's hand-over, not from when this thread got to it: events that
            // queued while the previous commit was in flight have waited already and go in the next transaction at
            // once, with whatever queued behind them (group commit), instead of waiting another flushInterval.
            long deadline = first.queuedNanos() + settings.flushInterval().toNanos();
            while (batch.size() < settings.flushMaxEvents()) {
                long left = deadline - System.nanoTime();
                Item next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                add(batch, next, taken);
            }
        } catch (InterruptedException e) {
            // nobody interrupts this thread (see close()); should something do it, hand over what is queued
            Item rest;
            while ((rest = queue.poll()) != null) {
                add(batch, rest, taken);
            }
        }
        long closed = System.nanoTime();
        taken.forEach(i -> metrics.record(MetricCatalog.KAFKA_BATCH_WAIT, closed - i.queuedNanos()));
        return batch;
    }

    private void add(List<PendingRecord> batch, Item item, List<Item> taken) {
        if (item != WAKE) {
            batch.add(item.encoded() != null ? item.encoded() : records.pending(item.event(), item.receivedNanos()));
            taken.add(item);
        }
    }

    private void deliver(List<PendingRecord> batch) {
        if (outbox.isEmpty() && send(batch)) {
            return;
        }
        boolean wasEmpty = outbox.isEmpty();
        outbox.append(batch);
        outboxSize = outbox.size();
        if (wasEmpty) {
            LOG.warn("Kafka did not take {} events: keeping them in the outbox until it is back", batch.size());
        }
        if (outbox.isFull()) {
            LOG.error("outbox full ({} events): the audit pauses until Kafka takes them", outbox.size());
        }
        drainOutbox();
    }

    private void drainOutbox() {
        int delivered = 0;
        while (!outbox.isEmpty()) {
            if (System.nanoTime() < nextAttemptNanos || !ensureProducer() || !recheck()) {
                return;
            }
            Outbox.Head head = outbox.head(settings.flushMaxEvents());
            // An event is fresh when it comes after what Kafka holds for its finding and after what this drain
            // already sent: the map is updated as the drain commits, so the same id is never sent twice.
            Map<String, String> sending = new HashMap<>();
            List<PendingRecord> fresh = new ArrayList<>();
            for (PendingRecord r : head.records()) {
                if (notYetPublished(r, sending.getOrDefault(r.key(), alreadyPublished.get(r.key())))) {
                    fresh.add(r);
                    sending.put(r.key(), r.eventId());
                }
            }
            if (!fresh.isEmpty() && !send(fresh)) {
                return;
            }
            alreadyPublished.putAll(sending);
            outbox.commit(head);
            outboxSize = outbox.size();
            delivered += head.records().size();
        }
        if (delivered > 0 && outbox.isEmpty()) {
            alreadyPublished.clear();
            LOG.info("outbox drained: {} events delivered to Kafka", delivered);
        }
    }

    private static boolean notYetPublished(PendingRecord r, String last) {
        return last == null || last.isEmpty() || !EventIds.alreadyPublished(r.eventId(), last);
    }

    /** After a failed commit, learn from the state topic which events landed anyway. */
    private boolean recheck() {
        if (!recheckNeeded) {
            return true;
        }
        try {
            StateTopicReader.Snapshot snapshot = StateTopicReader.read(settings, committedEnd, Duration.ofSeconds(5));
            snapshot.latest().forEach((key, record) -> alreadyPublished.put(key, lastEventId(record)));
            committedEnd.putAll(snapshot.endOffsets());
            recheckNeeded = false;
            return true;
        } catch (KafkaException e) {
            backOff("reading the state topic failed: " + e.getMessage());
            return false;
        }
    }

    static String lastEventId(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
        return StateRecords.read(record) instanceof LastState last ? last.eventId() : "";
    }

    private boolean ensureProducer() {
        if (producer != null) {
            return true;
        }
        try {
            producer = new KafkaProducer<>(producerProperties());
            producer.initTransactions();
            return true;
        } catch (KafkaException e) {
            closeProducer(Duration.ZERO);
            backOff("Kafka unreachable: " + e.getMessage());
            return false;
        }
    }

    /** One transaction across both topics; true once committed. */
    private boolean send(List<PendingRecord> records) {
        if (!ensureProducer()) {
            return false;
        }
        try {
            long begun = System.nanoTime();
            producer.beginTransaction();
            List<Future<RecordMetadata>> state = new ArrayList<>(records.size());
            for (PendingRecord r : records) {
                failedAlready(producer.send(FindingRecords.eventsRecord(settings.eventsTopic(), r)));
                if (!r.isConfigChange()) {
                    state.add(failedAlready(
                            producer.send(FindingRecords.stateRecord(settings.stateTopic(), settings.source(), r))));
                }
            }
            producer.commitTransaction();
            long now = System.nanoTime();
            metrics.record(MetricCatalog.KAFKA_TRANSACTION, now - begun);
            for (PendingRecord r : records) {
                if (r.receivedNanos() > 0) {
                    metrics.record(MetricCatalog.CHANGE_TO_PUBLISH, now - r.receivedNanos());
                }
            }
            rememberCommitted(state);
            return true;
        } catch (ProducerFencedException | InvalidProducerEpochException | AuthorizationException e) {
            fatal = true;
            running = false;
            LOG.error(
                    "Kafka refused this producer for good ({}): another Vigil with transactional.id {} took over, "
                            + "or the ACLs do not allow it; events stay in the outbox",
                    e.toString(),
                    settings.transactionalId());
            closeProducer(Duration.ZERO);
            return false;
        } catch (KafkaException | IllegalStateException e) {
            recheckNeeded = true;
            closeProducer(Duration.ZERO);
            backOff("Kafka did not commit: " + e.getMessage());
            return false;
        }
    }

    /**
     * With the broker gone, send() waits max.block.ms for metadata and then returns an already failed future
     * instead of throwing: going on would wait again for every record (two per event, minutes for one batch)
     * before the batch could reach the outbox. The first such failure fails the whole batch.
     */
    private static Future<RecordMetadata> failedAlready(Future<RecordMetadata> sent) {
        if (sent.isDone()) {
            try {
                sent.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
            } catch (InterruptedException e) {
                throw new KafkaException("interrupted", e); // not reached: the future is done
            }
        }
        return sent;
    }

    private void rememberCommitted(List<Future<RecordMetadata>> state) {
        for (Future<RecordMetadata> f : state) {
            try {
                RecordMetadata m = f.get(0, TimeUnit.MILLISECONDS);
                committedEnd.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
            } catch (Exception e) {
                recheckNeeded = true;
            }
        }
    }

    private void backOff(String why) {
        nextAttemptNanos = System.nanoTime() + RETRY.toNanos();
        LOG.debug("{}; retrying in {} ms", why, RETRY.toMillis());
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (KafkaException e) {
                LOG.debug("closing the producer: {}", e.toString());
            }
            producer = null;
        }
    }

    Properties producerProperties() {
        return producerProperties(settings);
    }

    /** The producer configuration Vigil uses (public so the latency benchmark's bare producer uses the same). */
    public static Properties producerProperties(KafkaSettings settings) {
        Properties p = new Properties();
        p.putAll(settings.properties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
        // A transaction begun right after a commit can be answered CONCURRENT_TRANSACTIONS while the coordinator
        // still writes the markers; Kafka's 100 ms first backoff would land on every event of that batch. The
        // backoff still grows exponentially to retry.backoff.max.ms (1 s) for a broker that stays unavailable.
        p.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "10");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "30000");
        return p;
    }
}
