package io.vigil.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * An in-process, single-node Kafka (KRaft, broker and controller in one node) for {@code vigil demo} and the
 * integration tests. It listens on loopback on two free ports (a PLAINTEXT client listener and the controller
 * listener), formats its storage with a fresh cluster id and is tuned for a small heap and a fast start.
 * {@link #stop()} and {@link #restart()} keep the ports and the data, so clients reconnect as they would to a
 * real broker coming back after an outage. Not part of the production jar.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    /** How long {@link #restart()} waits for the old ports to become bindable again. */
    private static final long REBIND_WAIT_MS = 10_000;
    /** Logger names used only by the broker; kept at WARN unless the logging configuration names them. */
    private static final String[] BROKER_LOGGERS = {
        "kafka",
        "state.change.logger",
        "org.apache.kafka.server",
        "org.apache.kafka.controller",
        "org.apache.kafka.raft",
        "org.apache.kafka.metadata",
        "org.apache.kafka.image",
        "org.apache.kafka.storage",
        "org.apache.kafka.coordinator",
        "org.apache.kafka.queue",
        "org.apache.kafka.snapshot",
        "org.apache.kafka.security",
        "org.apache.kafka.network",
        "org.apache.kafka.common.utils.AppInfoParser"
    };

    private final Path dir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> config;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dir, boolean deleteOnClose, int brokerPort, int controllerPort) {
        this.dir = dir;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.config = serverProperties(dir.resolve("logs"), brokerPort, controllerPort);
    }

    /** Starts a broker in a temporary directory that {@link #close()} deletes. */
    public static EmbeddedKafka start() {
        return start(null);
    }

    /**
     * Starts a broker whose data lives in {@code dataDir} (created and formatted when new, reused when already
     * formatted), or in a temporary directory deleted on {@link #close()} when {@code dataDir} is null.
     */
    public static EmbeddedKafka start(Path dataDir) {
        installExitGuards();
        quietBrokerLogging();
        boolean temporary = dataDir == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("vigil-kafka-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory", e);
        }
        int[] ports = freePorts(2);
        EmbeddedKafka kafka = new EmbeddedKafka(dir, temporary, ports[0], ports[1]);
        try {
            kafka.format();
            kafka.startServer();
        } catch (RuntimeException | Error e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** {@code 127.0.0.1:<port>}: the PLAINTEXT listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    public Path dataDir() {
        return dir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down and keeps its data; clients see connection refused until {@link #restart()}. */
    public synchronized void stop() {
        KafkaRaftServer running = server;
        if (running == null) {
            return;
        }
        server = null;
        long t0 = System.nanoTime();
        running.shutdown();
        running.awaitShutdown();
        LOG.debug("Kafka broker stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Starts the broker again on the same ports over the same data (stopping it first if it runs). Fails with
     * an explanation when a port cannot be bound again, since clients would otherwise never reconnect.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the embedded Kafka broker is closed");
        }
        stop();
        awaitBindable(brokerPort, "client (PLAINTEXT)");
        awaitBindable(controllerPort, "controller");
        startServer();
    }

    /** Stops the broker and deletes the data directory when it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (deleteOnClose) {
                try {
                    Utils.delete(dir.toFile());
                } catch (IOException e) {
                    LOG.warn("could not delete the Kafka data directory {}: {}", dir, e.toString());
                }
            }
        }
    }

    private void format() {
        Path properties = dir.resolve("server.properties");
        Properties p = new Properties();
        p.putAll(config);
        try (Writer w = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
            p.store(w, "Vigil embedded Kafka (single-node KRaft)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + properties, e);
        }
        String clusterId = existingClusterId().orElseGet(() -> Uuid.randomUuid().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            // A data directory kept from an earlier run keeps its cluster id and is reused as it is.
            rc = StorageTool.execute(
                    new String[] {
                        "format", "--config", properties.toString(), "--cluster-id", clusterId, "--ignore-formatted"
                    },
                    ps);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "formatting Kafka storage in " + dir + " failed: " + e.getMessage() + " "
                            + out.toString(StandardCharsets.UTF_8).trim(),
                    e);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dir + " failed (exit " + rc + "): "
                    + out.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private Optional<String> existingClusterId() {
        Path meta = dir.resolve("logs").resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        return Optional.ofNullable(p.getProperty("cluster.id"));
    }

    private synchronized void startServer() {
        long t0 = System.nanoTime();
        KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        try {
            s.startup();
        } catch (RuntimeException | Error e) {
            try {
                s.shutdown();
                s.awaitShutdown();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        server = s;
        LOG.debug("Kafka broker started on {} in {} ms", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }

    static Map<String, String> serverProperties(Path logDir, int brokerPort, int controllerPort) {
        Map<String, String> c = new TreeMap<>();
        // One node that is both broker and the single controller voter (a static quorum).
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("log.dirs", logDir.toAbsolutePath().toString());
        // Topics: Vigil creates its own; internal topics are small and need one replica.
        c.put("auto.create.topics.enable", "false");
        c.put("num.partitions", "3");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "1");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("share.coordinator.state.topic.num.partitions", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        // Compaction on (the state topic is compacted), with a small dedupe buffer: the default 128 MiB
        // (plus I/O buffers) would cost ~160 MiB of heap.
        c.put("log.cleaner.enable", "true");
        c.put("log.cleaner.threads", "1");
        c.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        c.put("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
        c.put("log.cleaner.backoff.ms", "1000");
        // A small footprint: few threads, small sparse index files.
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "2");
        c.put("background.threads", "2");
        c.put("num.recovery.threads.per.data.dir", "1");
        c.put("num.replica.fetchers", "1");
        c.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        // Fast registration and unfencing of the broker after a (re)start.
        c.put("broker.heartbeat.interval.ms", "500");
        c.put("broker.session.timeout.ms", "6000");
        return c;
    }

    private static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // nothing to release
                    }
                }
            }
        }
    }

    private static void awaitBindable(int port, String listener) {
        long deadline = System.nanoTime() + REBIND_WAIT_MS * 1_000_000;
        IOException last;
        do {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return;
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException(
                "cannot restart the embedded Kafka broker: its " + listener
                        + " port 127.0.0.1:" + port + " cannot be bound again (" + last.getMessage()
                        + "). Another process"
                        + " probably took the port while the broker was stopped; clients only know this port, so a broker"
                        + " on another one would never be reached.",
                last);
    }

    /**
     * Kafka's fatal-error paths call {@code Exit.exit}/{@code Exit.halt}, which by default end the JVM: a broker
     * failure (or shutdown race) in the demo or a test must not kill the process that embeds it. Installed once
     * for the JVM; it only affects Kafka's own Exit calls.
     */
    private static synchronized void installExitGuards() {
        if (exitGuardsInstalled) {
            return;
        }
        exitGuardsInstalled = true;
        Exit.setExitProcedure((code, message) -> {
            throw new EmbeddedKafkaExit("Kafka asked to exit the JVM with status " + code
                    + (message == null ? "" : ": " + message) + " (refused: the broker is embedded)");
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new EmbeddedKafkaExit("Kafka asked to halt the JVM with status " + code
                    + (message == null ? "" : ": " + message) + " (refused: the broker is embedded)");
        });
    }

    private static boolean exitGuardsInstalled;

    /** Thrown (and logged) where Kafka would have ended the JVM. */
    public static final class EmbeddedKafkaExit extends RuntimeException {
        EmbeddedKafkaExit(String message) {
            super(message);
            LOG.error(message);
        }
    }

    /**
     * The broker logs through SLF4J (here: logback) at INFO by default; keep its own loggers at WARN unless the
     * logging configuration sets them, so {@code vigil demo} shows Vigil's output, not the broker's.
     */
    private static synchronized void quietBrokerLogging() {
        for (String name : BROKER_LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                    && logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
        if (!benignFilterInstalled && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            benignFilterInstalled = true;
            context.addTurboFilter(new BenignBrokerWarnings());
        }
    }

    private static boolean benignFilterInstalled;

    /**
     * Drops two WARN lines every start and stop of a healthy single-node broker prints: the controller's
     * "Performing controller activation" and the broker's own controller channel closing twice. Nothing else.
     */
    static final class BenignBrokerWarnings extends TurboFilter {
        @Override
        public FilterReply decide(
                Marker marker,
                ch.qos.logback.classic.Logger logger,
                Level level,
                String format,
                Object[] params,
                Throwable t) {
            if (format == null || level != Level.WARN || t != null) {
                return FilterReply.NEUTRAL;
            }
            String name = logger.getName();
            boolean benign = name.equals("org.apache.kafka.controller.QuorumController")
                            && format.contains("Performing controller activation")
                    || name.equals("org.apache.kafka.clients.NetworkClient")
                            && format.contains("[NodeToControllerChannelManager")
                            && format.contains("already been closed");
            return benign ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
