package io.vigil.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.Finding;
import io.vigil.model.Masking;
import io.vigil.model.Suppression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exceptions in force: immutable, ordered by id, with a digest of their canonical form.
 *
 * <p>When several active entries cover one finding, the one that expires <em>last</em> is chosen (ties: the
 * smallest id). So the {@link Suppression} a finding carries says exactly when it reopens: the finding
 * returns with EXCEPTION_EXPIRED only when no exception covers it any longer, and an entry that expires
 * earlier never makes a still-covered finding flap.
 */
public final class ExceptionSet {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExceptionSet EMPTY = new ExceptionSet(List.of());
    /** Latest expiry first, then by id: the first element of a sorted candidate list is the one chosen. */
    private static final Comparator<ExceptionEntry> PRECEDENCE =
            Comparator.comparing(ExceptionEntry::expires).reversed().thenComparing(ExceptionEntry::id);

    private final List<ExceptionEntry> entries;
    private final Map<String, ExceptionEntry> byId;
    private final Map<String, List<ExceptionEntry>> byCheck;
    private final String canonical;
    private final String digest;

    private ExceptionSet(List<ExceptionEntry> entries) {
        List<ExceptionEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ExceptionEntry::id));
        this.entries = List.copyOf(sorted);
        Map<String, ExceptionEntry> ids = new LinkedHashMap<>();
        Map<String, List<ExceptionEntry>> checks = new HashMap<>();
        for (ExceptionEntry e : this.entries) {
            if (ids.putIfAbsent(e.id(), e) != null) {
                throw new IllegalArgumentException("duplicate exception id: " + e.id());
            }
            checks.computeIfAbsent(e.check(), k -> new ArrayList<>()).add(e);
        }
        checks.replaceAll((k, v) -> {
            v.sort(PRECEDENCE);
            return List.copyOf(v);
        });
        this.byId = ids;
        this.byCheck = checks;
        this.canonical = canonicalForm(this.entries);
        this.digest = Masking.sha256Hex(canonical);
    }

    public static ExceptionSet empty() {
        return EMPTY;
    }

    /** @throws IllegalArgumentException when two entries share an id */
    public static ExceptionSet of(Collection<ExceptionEntry> entries) {
        return entries.isEmpty() ? EMPTY : new ExceptionSet(List.copyOf(entries));
    }

    /** Every entry, active or expired, ordered by id. */
    public List<ExceptionEntry> entries() {
        return entries;
    }

    public Optional<ExceptionEntry> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The suppression for a finding: the active entry covering it, if any (see the class comment for the choice). */
    public Optional<Suppression> match(Finding finding, Instant now) {
        return covering(finding, now).map(ExceptionEntry::suppression);
    }

    /** The active entry that suppresses this finding at {@code now}, if any. */
    public Optional<ExceptionEntry> covering(Finding finding, Instant now) {
        for (ExceptionEntry e : byCheck.getOrDefault(finding.checkId(), List.of())) {
            if (e.activeAt(now) && e.scope().matches(finding.resource())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every entry that names this finding's check and object, active or expired, ordered by id. */
    public List<ExceptionEntry> coveringAny(Finding finding) {
        return byCheck.getOrDefault(finding.checkId(), List.of()).stream()
                .filter(e -> e.scope().matches(finding.resource()))
                .sorted(Comparator.comparing(ExceptionEntry::id))
                .toList();
    }

    /** Entries for one check, ordered by id. */
    public List<ExceptionEntry> forCheck(String checkId) {
        return byCheck.getOrDefault(checkId, List.of()).stream()
                .sorted(Comparator.comparing(ExceptionEntry::id))
                .toList();
    }

    public List<ExceptionEntry> active(Instant now) {
        return entries.stream().filter(e -> e.activeAt(now)).toList();
    }

    public List<ExceptionEntry> expired(Instant now) {
        return entries.stream().filter(e -> !e.activeAt(now)).toList();
    }

    /** Active entries that expire within {@code window} of {@code now} (for warnings and alerts), soonest first. */
    public List<ExceptionEntry> expiringWithin(Instant now, Duration window) {
        Instant horizon = now.plus(window);
        return entries.stream()
                .filter(e -> e.activeAt(now) && !e.expires().isAfter(horizon))
                .sorted(Comparator.comparing(ExceptionEntry::expires).thenComparing(ExceptionEntry::id))
                .toList();
    }

    /**
     * The next instant after {@code now} at which an entry expires: when the pipeline must re-evaluate the
     * findings of that check so they reopen with EXCEPTION_EXPIRED on time.
     */
    public Optional<Instant> nextExpiry(Instant now) {
        return entries.stream()
                .map(ExceptionEntry::expires)
                .filter(now::isBefore)
                .min(Comparator.naturalOrder());
    }

    /** Lowercase hex SHA-256 of {@link #canonical()}: what {@code io.vigil.config.changed} reports. */
    public String digest() {
        return digest;
    }

    /**
     * The canonical form: a compact JSON array of the entries ordered by id, each with the fields id, check,
     * scope (namespace, kind, name), reason, owner, ticket, expires (UTC, ISO-8601) in this order, absent
     * values as null. Comments, key order, entry order and line numbers do not change it.
     */
    public String canonical() {
        return canonical;
    }

    private static String canonicalForm(List<ExceptionEntry> entries) {
        ArrayNode array = JSON.createArrayNode();
        for (ExceptionEntry e : entries) {
            ObjectNode o = array.addObject();
            o.put("id", e.id());
            o.put("check", e.check());
            ObjectNode scope = o.putObject("scope");
            scope.put(
                    "namespace",
                    e.scope().namespace() == null ? null : e.scope().namespace().pattern());
            scope.put("kind", e.scope().kind() == null ? null : e.scope().kind().pattern());
            scope.put("name", e.scope().name() == null ? null : e.scope().name().pattern());
            o.put("reason", e.reason());
            o.put("owner", e.owner());
            o.put("ticket", e.ticket());
            o.put("expires", e.expires().toString());
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ExceptionSet[" + entries.size() + " entries, digest " + digest + "]";
    }
}
