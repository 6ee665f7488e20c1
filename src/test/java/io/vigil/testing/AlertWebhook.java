package io.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Alertmanager's webhook receiver, on loopback: every notification with the path it came to and when. */
public final class AlertWebhook implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One webhook call: {@code /pager}, its arrival and Alertmanager's payload. */
    public record Notification(String receiver, Instant received, JsonNode payload) {
        /** The alerts of the payload with that alertname and status ({@code firing} or {@code resolved}). */
        public List<JsonNode> alerts(String alertname, String status) {
            List<JsonNode> out = new java.util.ArrayList<>();
            for (JsonNode a : payload.path("alerts")) {
                if (a.at("/labels/alertname").asText().equals(alertname)
                        && a.path("status").asText().equals(status)) {
                    out.add(a);
                }
            }
            return out;
        }
    }

    private final HttpServer server;
    private final List<Notification> notifications = new CopyOnWriteArrayList<>();

    public AlertWebhook() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Instant at = Instant.now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            notifications.add(
                    new Notification(exchange.getRequestURI().getPath().substring(1), at, JSON.readTree(body)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL Alertmanager posts to for {@code receiver}. */
    public String url(String receiver) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + receiver;
    }

    public List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
