package io.vigil.sink.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bounded, fsync'd, first-in-first-out outbox of DESIGN §7: events Kafka did not take wait here, in
 * order, and new events queue behind them. {@code records.log} holds one line per event; {@code committed}
 * holds the byte offset up to which the log has been committed to Kafka. Records are read back lazily,
 * so a full outbox costs disk, not heap. Owned by the producer thread; not thread-safe.
 */
public final class Outbox implements AutoCloseable {
    private final Path log;
    private final Path committedFile;
    private final int maxRecords;
    private FileChannel channel;
    private long committedOffset;
    private int size;

    public Outbox(Path dir, int maxRecords) {
        this.log = dir.resolve("records.log");
        this.committedFile = dir.resolve("committed");
        this.maxRecords = maxRecords;
        try {
            Files.createDirectories(dir);
            channel =
                    FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            committedOffset = Files.exists(committedFile)
                    ? Long.parseLong(Files.readString(committedFile).trim())
                    : 0;
            dropTornTail();
            size = countFrom(committedOffset);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot open the outbox in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Records waiting for Kafka. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size >= maxRecords;
    }

    /** Appends in order and fsyncs before returning: once this returns, a crash loses nothing. */
    public void append(List<PendingRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (PendingRecord r : records) {
            lines.append(r.eventId())
                    .append('\t')
                    .append(r.type())
                    .append('\t')
                    .append(r.key())
                    .append('\t')
                    .append(r.time() == null ? "" : Long.toString(r.time().toEpochMilli()))
                    .append('\t')
                    .append(new String(r.value(), StandardCharsets.UTF_8))
                    .append('\n');
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            long at = channel.size();
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            channel.force(false);
            size += records.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outbox " + log, e);
        }
    }

    /** The oldest records, at most {@code max}, with the offset to {@link #commit} once Kafka holds them. */
    public Head head(int max) {
        List<PendingRecord> records = new ArrayList<>();
        long offset = committedOffset;
        try (BufferedReader reader = readerAt(committedOffset)) {
            String line;
            while (records.size() < max && (line = reader.readLine()) != null) {
                offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
                records.add(parse(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox " + log, e);
        }
        return new Head(records, offset);
    }

    /** The last waiting record per key, in one pass over the log (start-up only: it holds one record per key). */
    public Map<String, PendingRecord> lastPerKey() {
        Map<String, PendingRecord> last = new LinkedHashMap<>();
        try (BufferedReader reader = readerAt(committedOffset)) {
            String line;
            while ((line = reader.readLine()) != null) {
                PendingRecord r = parse(line);
                last.put(r.key(), r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox " + log, e);
        }
        return last;
    }

    /** Marks a head as delivered; an empty outbox is truncated. */
    public void commit(Head head) {
        committedOffset = head.endOffset();
        size -= head.records().size();
        try {
            if (size == 0) {
                channel.truncate(0);
                channel.force(false);
                committedOffset = 0;
            }
            Path tmp = committedFile.resolveSibling("committed.tmp");
            Files.writeString(tmp, Long.toString(committedOffset));
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(
                    tmp,
                    committedFile,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record outbox progress in " + committedFile, e);
        }
    }

    /** The records read from the head of the outbox and where they end in the log. */
    public record Head(List<PendingRecord> records, long endOffset) {}

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A crash during {@link #append} can leave a partial last line. Its events were never acknowledged to
     * the pipeline; after a restart they are derived again from the cluster, so the fragment is dropped.
     */
    private void dropTornTail() throws IOException {
        long end = channel.size();
        if (end == 0) {
            return;
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        long last = end;
        while (last > 0) {
            one.clear();
            channel.read(one, last - 1);
            if (one.get(0) == '\n') {
                break;
            }
            last--;
        }
        if (last < end) {
            channel.truncate(last);
            channel.force(false);
        }
        committedOffset = Math.min(committedOffset, last);
    }

    private BufferedReader readerAt(long offset) throws IOException {
        FileChannel reading = FileChannel.open(log, StandardOpenOption.READ);
        reading.position(offset);
        return new BufferedReader(Channels.newReader(reading, StandardCharsets.UTF_8));
    }

    private int countFrom(long offset) throws IOException {
        int n = 0;
        try (BufferedReader reader = readerAt(offset)) {
            while (reader.readLine() != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * {@code id, type, key, event time (epoch ms), value}, tab-separated (JSON holds no raw tab). A line of an
     * earlier version has no time field: its time is read from the CloudEvent.
     */
    private static PendingRecord parse(String line) {
        String[] parts = line.split("\t", 5);
        if (parts.length == 4) {
            byte[] value = parts[3].getBytes(StandardCharsets.UTF_8);
            return new PendingRecord(parts[0], parts[1], parts[2], timeOf(value), value, 0);
        }
        if (parts.length != 5 || !parts[3].matches("\\d*")) {
            throw new IllegalStateException(
                    "corrupt outbox line: " + line.length() + " characters, " + parts.length + " fields");
        }
        Instant time = parts[3].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[3]));
        return new PendingRecord(parts[0], parts[1], parts[2], time, parts[4].getBytes(StandardCharsets.UTF_8), 0);
    }

    private static Instant timeOf(byte[] value) {
        try {
            OffsetDateTime time = CloudEventsKafka.parse(value).getTime();
            return time == null ? null : time.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
