package io.vigil.bench;

import io.vigil.sink.kafka.FindingRecords;
import io.vigil.sink.kafka.KafkaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.Producer;

/**
 * The reference of DESIGN §11: a bare transactional producer (Vigil's producer configuration, nothing of Vigil's
 * pipeline) sends the records the pipeline produced (the same keys, values and headers, encoded in advance) on
 * the schedule the pipeline's watch events were due, to both topics, one transaction per batch with the same
 * batching policy as KafkaSink (the first record, then whatever arrives until it has waited flushInterval, at most
 * flushMaxEvents). Its latency runs from a record's due time to the commit of its transaction.
 */
final class BareProducer {
    /** A record pair, when its watch event was due (its latency clock) and when it was queued (its flush window). */
    private record Due(long dueNanos, long queuedNanos, FindingRecords.Pair pair) {}

    private static final Due STOP = new Due(0, 0, null);

    final Histogram latency = new Histogram(3_600_000_000_000L, 3);
    /** Per transaction, begin -> commit returned, as KafkaSink's {@code vigil_kafka_transaction_seconds}. */
    final Histogram transactions = new Histogram(3_600_000_000_000L, 3);

    final OpenLoop feed = new OpenLoop();
    private final Producer<byte[], byte[]> producer;
    private final KafkaSettings settings;
    private final BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    private long sent;

    BareProducer(Producer<byte[], byte[]> producer, KafkaSettings settings) {
        this.producer = producer;
        this.settings = settings;
    }

    /** Replays {@code trace} in real time; returns the number of records pairs committed. */
    long replay(List<PublishedEvents.HandOver> trace, FindingRecords records) throws Exception {
        long base = trace.get(0).dueNanos();
        long[] offsets = new long[trace.size()];
        List<List<FindingRecords.Pair>> encoded = new ArrayList<>(trace.size());
        for (int i = 0; i < trace.size(); i++) {
            offsets[i] = trace.get(i).dueNanos() - base;
            List<FindingRecords.Pair> pairs = new ArrayList<>();
            trace.get(i)
                    .events()
                    .forEach(e -> pairs.add(records.records(settings.eventsTopic(), settings.stateTopic(), e)));
            encoded.add(pairs);
        }
        Thread thread = new Thread(this::run, "bench-bare-producer");
        thread.start();
        feed.run(offsets, (i, due) -> {
            long now = System.nanoTime();
            encoded.get(i).forEach(p -> queue.add(new Due(due, now, p)));
        });
        queue.add(STOP);
        thread.join();
        return sent;
    }

    private void run() {
        try {
            boolean more = true;
            while (more) {
                List<Due> batch = new ArrayList<>();
                more = nextBatch(batch);
                if (!batch.isEmpty()) {
                    send(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** KafkaSink's policy; false once STOP was taken. */
    private boolean nextBatch(List<Due> batch) throws InterruptedException {
        Due first = queue.take();
        if (first == STOP) {
            return false;
        }
        batch.add(first);
        long deadline = first.queuedNanos() + settings.flushInterval().toNanos();
        while (batch.size() < settings.flushMaxEvents()) {
            long left = deadline - System.nanoTime();
            Due next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == STOP) {
                return false;
            }
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return true;
    }

    private void send(List<Due> batch) {
        long begun = System.nanoTime();
        producer.beginTransaction();
        for (Due d : batch) {
            producer.send(d.pair().events());
            producer.send(d.pair().state());
        }
        producer.commitTransaction();
        long now = System.nanoTime();
        transactions.recordValue(now - begun);
        for (Due d : batch) {
            latency.recordValue(Math.min(now - d.dueNanos(), latency.getHighestTrackableValue()));
        }
        sent += batch.size();
    }
}
