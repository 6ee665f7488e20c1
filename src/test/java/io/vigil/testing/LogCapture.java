package io.vigil.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the process (the root logger, so also fabric8's and Vert.x's) while open: tests
 * assert how many lines a scenario writes, not only what they say. Levels are the test configuration's.
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private final java.util.Map<Logger, ch.qos.logback.classic.Level> raised = new java.util.LinkedHashMap<>();

    private LogCapture() {}

    /** @param atInfo loggers to hear at INFO while capturing (as production logs them), e.g. Vigil's own classes */
    public static LogCapture start(String... atInfo) {
        LogCapture capture = new LogCapture();
        for (String name : atInfo) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            capture.raised.put(logger, logger.getLevel());
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
        }
        capture.appender.start();
        capture.root.addAppender(capture.appender);
        return capture;
    }

    /**
     * Like {@link #start}, and with the logger levels of the production {@code logback.xml} (what {@code vigil watch}
     * silences), so a test counts the lines an operator would see rather than those of {@code logback-test.xml}.
     */
    public static LogCapture asProduction(String... atInfo) {
        LogCapture capture = start(atInfo);
        productionLevels().forEach((name, level) -> {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            capture.raised.putIfAbsent(logger, logger.getLevel());
            logger.setLevel(level);
        });
        return capture;
    }

    /** The {@code <logger name level>} entries of the production configuration (src/main/resources/logback.xml). */
    static java.util.Map<String, ch.qos.logback.classic.Level> productionLevels() {
        java.util.Map<String, ch.qos.logback.classic.Level> out = new java.util.LinkedHashMap<>();
        try (var in = LogCapture.class.getResourceAsStream("/logback.xml")) {
            if (in == null) {
                throw new IllegalStateException("logback.xml is not on the class path");
            }
            var loggers = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(in)
                    .getElementsByTagName("logger");
            for (int i = 0; i < loggers.getLength(); i++) {
                var e = (org.w3c.dom.Element) loggers.item(i);
                out.put(e.getAttribute("name"), ch.qos.logback.classic.Level.toLevel(e.getAttribute("level")));
            }
        } catch (java.io.IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read logback.xml", e);
        }
        return out;
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return appender.list.stream().filter(e -> !mockServerStall(e)).toList();
        }
    }

    /**
     * fabric8's mock server can block its own event loop for up to a minute after a test that cut a watch
     * (see KindInformerTest), and its Vert.x then warns every second, into whatever test runs next in the same
     * JVM: that warning, recognised by the mock's frames in the blocked thread's stack, is no line of the
     * scenario under test. A blocked Vigil event loop is still captured.
     */
    private static boolean mockServerStall(ILoggingEvent e) {
        if (!e.getLoggerName().endsWith(".BlockedThreadChecker") || e.getThrowableProxy() == null) {
            return false;
        }
        for (var frame : e.getThrowableProxy().getStackTraceElementProxyArray()) {
            String cls = frame.getStackTraceElement().getClassName();
            if (cls.startsWith("io.fabric8.mockwebserver.")
                    || cls.startsWith("io.fabric8.kubernetes.client.server.mock.")) {
                return true;
            }
        }
        return false;
    }

    /** The formatted messages, one per event. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /**
     * The lines these events take in the text log: the message's lines plus every line of an attached stack
     * trace (frames and "Caused by" headers), which is what an operator scrolls through.
     */
    public int lines() {
        int lines = 0;
        for (ILoggingEvent e : events()) {
            lines += e.getFormattedMessage().split("\n", -1).length;
            for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                lines += 1 + t.getStackTraceElementProxyArray().length;
            }
        }
        return lines;
    }

    public void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        raised.forEach(Logger::setLevel);
    }
}
