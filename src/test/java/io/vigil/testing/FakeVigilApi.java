package io.vigil.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.vigil.format.FindingJson;
import io.vigil.model.TrackedFinding;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a running Vigil's {@code /api/v1/findings} on loopback (JDK HTTP server): bearer token, pages
 * ordered by id with {@code limit} and an opaque {@code continue} token, the {@code vigil.findings/v1} shape.
 */
public final class FakeVigilApi implements AutoCloseable {
    private final HttpServer server;
    private final List<TrackedFinding> findings;
    private final String token;
    private final int maxPage;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeVigilApi(List<TrackedFinding> findings, String token, int maxPage) throws IOException {
        this.findings = findings.stream()
                .sorted(Comparator.comparing(t -> t.finding().id()))
                .toList();
        this.token = token;
        this.maxPage = maxPage;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/findings", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            String auth = exchange.getRequestHeaders().getFirst("authorization");
            if (token != null && !("Bearer " + token).equals(auth)) {
                send(exchange, 401, "{\"error\":\"invalid bearer token\"}");
                return;
            }
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            int limit = Math.min(maxPage, Integer.parseInt(q.getOrDefault("limit", "500")));
            int start = q.containsKey("continue")
                    ? Integer.parseInt(q.get("continue").substring(1))
                    : 0;
            ObjectNode doc = FindingJson.MAPPER.createObjectNode();
            doc.put("schema", "vigil.findings/v1");
            doc.put("total", this.findings.size());
            ArrayNode items = doc.putArray("findings");
            int end = Math.min(this.findings.size(), start + limit);
            for (int i = start; i < end; i++) {
                items.add(FindingJson.toJson(this.findings.get(i)));
            }
            if (end < this.findings.size()) {
                doc.put("continue", "p" + end);
            } else {
                doc.putNull("continue");
            }
            send(exchange, 200, FindingJson.MAPPER.writeValueAsString(doc));
        });
        server.start();
    }

    public static FakeVigilApi start(List<TrackedFinding> findings, String token, int maxPage) throws IOException {
        return new FakeVigilApi(new ArrayList<>(findings), token, maxPage);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            out.put(
                    URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
