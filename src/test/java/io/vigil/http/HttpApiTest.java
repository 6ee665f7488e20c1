package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vigil.check.CheckCatalog;
import io.vigil.metrics.VigilMetrics;
import io.vigil.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of the HTTP surface that a client controls: the auth scheme's spelling (RFC 7235: case-insensitive),
 * paths that are not valid percent-encoding, and how much log an unauthenticated caller can cause. Raw HTTP/1.1
 * over a socket, because {@code java.net.http} refuses to send a malformed URI at all.
 */
class HttpApiTest {
    private static final String TOKEN = "edge-token-7";

    private Vertx vertx;
    private HttpServer server;
    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        HttpApi api = new HttpApi(
                vertx,
                new VigilMetrics("test"),
                new CheckCatalog(List.of()),
                () -> Future.succeededFuture(List.of()),
                List::of,
                TOKEN,
                Optional::empty,
                () -> io.vigil.format.FindingJson.MAPPER.createObjectNode());
        server = api.listen("127.0.0.1", 0).await(10, TimeUnit.SECONDS);
        log = LogCapture.start();
    }

    @AfterEach
    void stop() throws Exception {
        log.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        for (String scheme : List.of("Bearer", "bearer", "BEARER", "bEaReR")) {
            assertThat(status(get("/api/v1/checks", "Authorization: " + scheme + " " + TOKEN)))
                    .as(scheme)
                    .isEqualTo(200);
        }
        assertThat(status(get("/api/v1/checks", "Authorization: bearer  " + TOKEN)))
                .as("more than one space before the token")
                .isEqualTo(200);
        assertThat(status(get("/api/v1/checks", "Authorization: bearer wrong-" + TOKEN)))
                .isEqualTo(401);
        assertThat(status(get("/api/v1/checks", "Authorization: bearer"))).isEqualTo(401);
        assertThat(status(get("/api/v1/checks", "Authorization: Bearerx " + TOKEN)))
                .as("a different scheme that starts like Bearer")
                .isEqualTo(401);
        assertThat(status(get("/api/v1/checks", "Authorization: Basic " + TOKEN)))
                .isEqualTo(401);
    }

    @Test
    void malformedPercentEncodingIsABadRequestWithoutAStackTrace() {
        for (String path : List.of("/api/%zz", "/api/v1/findings/%", "/%zz", "/metrics%g1")) {
            String response = get(path, "Authorization: Bearer " + TOKEN);
            assertThat(status(response)).as(path).isEqualTo(400);
            assertThat(body(response)).as(path).contains("malformed percent-encoding");
        }
        assertThat(log.events())
                .as("nothing at ERROR and no stack trace")
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null);
    }

    @Test
    void anUnauthenticatedRequestAddsAtMostOneLogLine() {
        for (String auth : List.of("", "Authorization: Bearer nope", "Authorization: Basic eDp5")) {
            log.clear();
            assertThat(status(get("/api/v1/findings", auth))).as(auth).isEqualTo(401);
            assertThat(log.lines()).as(auth + ": " + log.messages()).isLessThanOrEqualTo(1);
            assertThat(log.messages())
                    .as("the presented credential is never logged")
                    .noneMatch(m -> m.contains("nope"));
        }
    }

    private String get(String path, String header) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.actualPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (header.isEmpty() ? "" : header + "\r\n") + "\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.split(" ", 3)[1]);
    }

    private static String body(String response) {
        int at = response.indexOf("\r\n\r\n");
        return at < 0 ? "" : response.substring(at + 4);
    }
}
