package io.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outage proxy against a loopback echo server. */
class TcpProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::echoLoop, "echo");
        t.setDaemon(true);
        t.start();
        proxy = TcpProxy.start(echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
            assertThat(roundTrip(s, "again")).isEqualTo("again");
        }
        assertThat(proxy.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void cutAllClosesOpenConnectionsAndLaterOnesStillWork() throws IOException {
        try (Socket a = connect();
                Socket b = connect()) {
            assertThat(roundTrip(a, "a")).isEqualTo("a");
            assertThat(roundTrip(b, "b")).isEqualTo("b");
            assertThat(proxy.openConnections()).isEqualTo(2);

            proxy.cutAll();

            assertThat(proxy.openConnections()).isZero();
            assertThat(endsOrFails(a)).isTrue();
            assertThat(endsOrFails(b)).isTrue();
        }
        try (Socket c = connect()) {
            assertThat(roundTrip(c, "c")).isEqualTo("c");
        }
    }

    @Test
    void pausedProxyClosesNewConnectionsUntilResumed() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "x")).isEqualTo("x");
            proxy.pause();
            assertThat(roundTrip(before, "still"))
                    .as("pause alone keeps open connections")
                    .isEqualTo("still");
            try (Socket during = connect()) {
                assertThat(endsOrFails(during)).isTrue();
            }
            assertThat(proxy.refusedConnections()).isEqualTo(1);
        }
        proxy.resume();
        try (Socket after = connect()) {
            assertThat(roundTrip(after, "back")).isEqualTo("back");
        }
    }

    @Test
    void closeStopsListening() {
        int port = proxy.port();
        proxy.close();
        await().atMost(WAIT).until(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return endsOrFails(s);
            } catch (IOException refused) {
                return true;
            }
        });
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        byte[] in = s.getInputStream().readNBytes(bytes.length);
        return new String(in, StandardCharsets.UTF_8);
    }

    /** True when the peer closed (EOF) or reset the connection. */
    private static boolean endsOrFails(Socket s) {
        try {
            s.getOutputStream().write('?');
            return s.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                Thread t = new Thread(
                        () -> {
                            try (s;
                                    InputStream in = s.getInputStream();
                                    OutputStream out = s.getOutputStream()) {
                                in.transferTo(out);
                            } catch (IOException ignored) {
                                // the proxy cut it
                            }
                        },
                        "echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
