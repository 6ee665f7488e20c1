package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vigil.format.FindingJson;
import io.vigil.model.Finding;
import io.vigil.model.Severity;
import io.vigil.model.TrackedFinding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/findings} filters and pagination. Pages are ordered by finding id and the continue token
 * is the last id served, so paging stays stable while findings open and resolve between requests.
 */
record FindingQuery(
        Severity severity, String namespace, String check, String kind, Boolean drift, int limit, String after) {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;
    private static final Set<String> PARAMS =
            Set.of("severity", "namespace", "check", "kind", "drift", "limit", "continue");

    static FindingQuery parse(MultiMap params) {
        for (String name : params.names()) {
            if (!PARAMS.contains(name)) {
                throw new IllegalArgumentException("unknown query parameter \"" + name + "\" (allowed: "
                        + String.join(", ", PARAMS.stream().sorted().toList()) + ")");
            }
        }
        Severity severity = null;
        if (params.get("severity") != null) {
            severity = Severity.parse(params.get("severity"))
                    .orElseThrow(() ->
                            new IllegalArgumentException("severity: unknown value \"" + params.get("severity") + "\""));
        }
        Boolean drift = null;
        if (params.get("drift") != null) {
            String d = params.get("drift");
            if (!d.equals("true") && !d.equals("false")) {
                throw new IllegalArgumentException("drift: expected true or false, got \"" + d + "\"");
            }
            drift = Boolean.parseBoolean(d);
        }
        int limit = DEFAULT_LIMIT;
        if (params.get("limit") != null) {
            try {
                limit = Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException(
                        "limit: expected 1.." + MAX_LIMIT + ", got \"" + params.get("limit") + "\"");
            }
        }
        String after = null;
        if (params.get("continue") != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(params.get("continue")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("continue: not a token this API issued");
            }
        }
        return new FindingQuery(
                severity, params.get("namespace"), params.get("check"), params.get("kind"), drift, limit, after);
    }

    boolean matches(TrackedFinding t) {
        Finding f = t.finding();
        return (severity == null || f.severity() == severity)
                && (namespace == null || namespace.equals(f.resource().namespace()))
                && (check == null || check.equals(f.checkId()))
                && (kind == null || kind.equals(f.resource().kind()))
                && (drift == null || drift == t.status().drift());
    }

    ObjectNode page(List<TrackedFinding> open) {
        List<TrackedFinding> matching = open.stream()
                .filter(this::matches)
                .sorted(Comparator.comparing(t -> t.finding().id()))
                .toList();
        ObjectNode doc = FindingJson.MAPPER.createObjectNode();
        doc.put("schema", "vigil.findings/v1");
        doc.put("total", matching.size());
        ArrayNode items = doc.putArray("findings");
        String last = null;
        int served = 0;
        boolean more = false;
        for (TrackedFinding t : matching) {
            if (after != null && t.finding().id().compareTo(after) <= 0) {
                continue;
            }
            if (served == limit) {
                more = true;
                break;
            }
            items.add(FindingJson.toJson(t));
            last = t.finding().id();
            served++;
        }
        if (more) {
            doc.put(
                    "continue",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        } else {
            doc.putNull("continue");
        }
        return doc;
    }
}
