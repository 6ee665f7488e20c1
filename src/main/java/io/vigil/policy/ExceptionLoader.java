package io.vigil.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.vigil.model.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an exception file (DESIGN §6):
 * <pre>
 * apiVersion: vigil.io/v1
 * kind: ExceptionList
 * exceptions:
 *   - id: legacy-hostpath
 *     check: host-path-volume
 *     scope: {namespace: legacy-*, kind: DaemonSet, name: log-agent}   # globs; absent = any
 *     reason: node log shipper reads /var/log until the sidecar migration
 *     owner: platform-team@example.com
 *     ticket: SEC-1234                                                 # optional
 *     expires: 2026-06-30                                              # RFC 3339 timestamp or date
 * </pre>
 * Every entry needs a unique id, a known check, a reason, an owner and an expiry; a date means midnight UTC
 * at the start of that day (the exception no longer applies on the date written). An invalid entry is
 * rejected with an error naming file, line and entry; the valid entries still apply. Entries with the same
 * id are all rejected. Unknown fields are errors (a misspelt {@code scope} key must not widen an exception
 * to everything). Already-expired entries load, with a warning: they decide EXCEPTION_EXPIRED.
 */
public final class ExceptionLoader {
    public static final String API_VERSION = "vigil.io/v1";
    public static final String KIND = "ExceptionList";
    /** The built-in drift check, known although it is not in the check catalogue. */
    public static final String BASELINE_DRIFT = "baseline-drift";

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final List<String> TOP_FIELDS = List.of("apiVersion", "kind", "metadata", "exceptions");
    private static final List<String> ENTRY_FIELDS =
            List.of("id", "check", "scope", "reason", "owner", "ticket", "expires");
    private static final List<String> SCOPE_FIELDS = List.of("namespace", "kind", "name");

    private final Set<String> knownChecks;
    private final Clock clock;

    /**
     * @param knownCheckIds the catalogue's check ids ({@code baseline-drift} is added)
     * @param clock         decides which entries are already expired (a warning)
     */
    public ExceptionLoader(Set<String> knownCheckIds, Clock clock) {
        Set<String> known = new HashSet<>(knownCheckIds);
        known.add(BASELINE_DRIFT);
        this.knownChecks = Set.copyOf(known);
        this.clock = clock;
    }

    public LoadResult load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return failed(name, 0, "no such file");
        } catch (IOException e) {
            return failed(
                    name,
                    0,
                    "cannot read: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return parse(name, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses exception YAML from a string; {@code name} is how problems name the source (a file, a ConfigMap key). */
    public LoadResult parse(String name, String yaml) {
        LocatedYaml root;
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return failed(name, 0, "empty file: expected apiVersion: " + API_VERSION + ", kind: " + KIND);
            }
            root = LocatedYaml.read(p);
            JsonToken next = p.nextToken();
            if (next != null) {
                return failed(name, p.currentTokenLocation().getLineNr(), "only one YAML document is allowed");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return failed(name, line, "not valid YAML: " + proseOnly(e.getOriginalMessage()));
        } catch (IOException e) {
            return failed(name, 0, "cannot read: " + e.getMessage());
        }
        return new Reading(name).document(root);
    }

    private static LoadResult failed(String file, int line, String message) {
        return new LoadResult(
                ExceptionSet.empty(), List.of(new ExceptionProblem(file, line, null, message)), List.of());
    }

    /** SnakeYAML quotes the offending source lines; keep only its prose. */
    private static String proseOnly(String message) {
        if (message == null) {
            return "syntax error";
        }
        return message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining("; "));
    }

    /** The state of reading one file. */
    private final class Reading {
        private final String file;
        private final List<ExceptionProblem> errors = new ArrayList<>();
        private final List<ExceptionProblem> warnings = new ArrayList<>();

        Reading(String file) {
            this.file = file;
        }

        LoadResult document(LocatedYaml root) {
            if (!root.isMapping()) {
                error(
                        root.line(),
                        null,
                        "expected a mapping with apiVersion: " + API_VERSION + ", kind: " + KIND + " and exceptions");
                return result(List.of());
            }
            for (LocatedYaml.Duplicate dup : root.duplicateKeys()) {
                error(dup.line(), null, "field \"" + dup.key() + "\" is set twice");
            }
            String apiVersion = root.fields().containsKey("apiVersion")
                    ? root.fields().get("apiVersion").text()
                    : null;
            String kind = root.fields().containsKey("kind")
                    ? root.fields().get("kind").text()
                    : null;
            boolean header = true;
            if (!API_VERSION.equals(apiVersion)) {
                error(
                        lineOf(root, "apiVersion"),
                        null,
                        apiVersion == null
                                ? "missing apiVersion (expected " + API_VERSION + ")"
                                : "apiVersion must be " + API_VERSION + ", got \"" + apiVersion + "\"");
                header = false;
            }
            if (!KIND.equals(kind)) {
                error(
                        lineOf(root, "kind"),
                        null,
                        kind == null
                                ? "missing kind (expected " + KIND + ")"
                                : "kind must be " + KIND + ", got \"" + kind + "\"");
                header = false;
            }
            unknownFields(root, TOP_FIELDS, null);
            if (!header) {
                return result(List.of());
            }
            LocatedYaml list = root.fields().get("exceptions");
            if (list == null) {
                error(root.line(), null, "missing exceptions (an empty list is written exceptions: [])");
                return result(List.of());
            }
            if (list.isNull()) {
                return result(List.of());
            }
            if (!list.isSequence()) {
                error(list.line(), null, "exceptions must be a list");
                return result(List.of());
            }
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                Candidate c = entry(i, list.items().get(i));
                if (c != null) {
                    candidates.add(c);
                }
            }
            return result(withoutDuplicates(candidates));
        }

        private record Candidate(int index, int line, String subject, int expiresLine, ExceptionEntry entry) {}

        private Candidate entry(int index, LocatedYaml node) {
            String subject = "exceptions[" + index + "]";
            if (!node.isMapping()) {
                error(node.line(), subject, "expected a mapping with " + String.join(", ", ENTRY_FIELDS));
                return null;
            }
            Map<String, LocatedYaml> f = node.fields();
            String id = f.containsKey("id") ? f.get("id").text() : null;
            if (id != null && !id.isBlank()) {
                subject += " (id \"" + id + "\")";
            }
            int errorsBefore = errors.size();
            for (LocatedYaml.Duplicate dup : node.duplicateKeys()) {
                error(dup.line(), subject, "field \"" + dup.key() + "\" is set twice");
            }
            unknownFields(node, ENTRY_FIELDS, subject);
            if (id == null || id.isBlank()) {
                error(lineOf(node, "id"), subject, "missing id");
            } else if (!ID.matcher(id).matches()) {
                error(lineOf(node, "id"), subject, "id must be letters, digits, '.', '_' or '-'");
            }
            String check = required(node, "check", subject);
            if (check != null && !knownChecks.contains(check)) {
                error(lineOf(node, "check"), subject, "unknown check \"" + check + "\" (see 'vigil checks')");
            }
            ExceptionScope scope = scope(node, subject);
            String reason = required(node, "reason", subject);
            String owner = required(node, "owner", subject);
            String ticket = optional(node, "ticket", subject);
            String expiresText = required(node, "expires", subject);
            Instant expires = null;
            if (expiresText != null) {
                expires = parseExpiry(expiresText);
                if (expires == null) {
                    error(
                            lineOf(node, "expires"),
                            subject,
                            "expires must be an RFC 3339 timestamp "
                                    + "(2026-06-30T12:00:00Z) or a date (2026-06-30), got \"" + expiresText + "\"");
                }
            }
            if (errors.size() > errorsBefore) {
                return null;
            }
            ExceptionEntry entry = new ExceptionEntry(
                    id, check, scope, reason, owner, ticket, expires, new SourceLocation(file, node.line()));
            return new Candidate(index, node.line(), subject, lineOf(node, "expires"), entry);
        }

        private ExceptionScope scope(LocatedYaml entry, String subject) {
            LocatedYaml scope = entry.fields().get("scope");
            if (scope == null || scope.isNull()) {
                return ExceptionScope.ANY;
            }
            if (!scope.isMapping()) {
                error(scope.line(), subject, "scope must be a mapping of namespace, kind and name patterns");
                return ExceptionScope.ANY;
            }
            for (LocatedYaml.Duplicate dup : scope.duplicateKeys()) {
                error(dup.line(), subject, "field \"scope." + dup.key() + "\" is set twice");
            }
            unknownFields(scope, SCOPE_FIELDS, subject, "scope.");
            return new ExceptionScope(
                    glob(scope, "namespace", subject), glob(scope, "kind", subject), glob(scope, "name", subject));
        }

        private Glob glob(LocatedYaml scope, String field, String subject) {
            LocatedYaml v = scope.fields().get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            String text = v.text();
            if (text == null || text.isBlank()) {
                error(v.line(), subject, "scope." + field + " must be a pattern (omit it to match any " + field + ")");
                return null;
            }
            return new Glob(text);
        }

        private String required(LocatedYaml entry, String field, String subject) {
            LocatedYaml v = entry.fields().get(field);
            if (v == null || v.isNull()) {
                error(lineOf(entry, field), subject, "missing " + field);
                return null;
            }
            String text = v.text();
            if (text == null) {
                error(
                        v.line(),
                        subject,
                        field + " must be a single value, not a " + (v.isMapping() ? "mapping" : "list"));
                return null;
            }
            if (text.isBlank()) {
                error(v.line(), subject, "missing " + field);
                return null;
            }
            return text.strip();
        }

        private String optional(LocatedYaml entry, String field, String subject) {
            LocatedYaml v = entry.fields().get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            String text = v.text();
            if (text == null) {
                error(
                        v.line(),
                        subject,
                        field + " must be a single value, not a " + (v.isMapping() ? "mapping" : "list"));
                return null;
            }
            return text.isBlank() ? null : text.strip();
        }

        private void unknownFields(LocatedYaml node, List<String> allowed, String subject) {
            unknownFields(node, allowed, subject, "");
        }

        private void unknownFields(LocatedYaml node, List<String> allowed, String subject, String prefix) {
            for (Map.Entry<String, LocatedYaml> e : node.fields().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    error(
                            e.getValue().line(),
                            subject,
                            "unknown field \"" + prefix + e.getKey() + "\" (expected "
                                    + String.join(
                                            ", ",
                                            allowed.stream()
                                                    .map(a -> prefix + a)
                                                    .toList()) + ")");
                }
            }
        }

        /** Entries sharing an id are all rejected, each naming the others. */
        private List<ExceptionEntry> withoutDuplicates(List<Candidate> candidates) {
            Map<String, List<Candidate>> byId = new LinkedHashMap<>();
            for (Candidate c : candidates) {
                byId.computeIfAbsent(c.entry().id(), k -> new ArrayList<>()).add(c);
            }
            List<ExceptionEntry> valid = new ArrayList<>();
            Instant now = clock.instant();
            for (List<Candidate> same : byId.values()) {
                if (same.size() == 1) {
                    Candidate c = same.get(0);
                    valid.add(c.entry());
                    if (!c.entry().activeAt(now)) {
                        warnings.add(new ExceptionProblem(
                                file,
                                c.expiresLine(),
                                c.subject(),
                                "expired "
                                        + c.entry().expires() + " (still loaded: findings it covered are reported as "
                                        + "EXCEPTION_EXPIRED)"));
                    }
                    continue;
                }
                for (Candidate c : same) {
                    String others = same.stream()
                            .filter(o -> o != c)
                            .map(o -> "exceptions[" + o.index() + "] on line " + o.line())
                            .collect(Collectors.joining(", "));
                    error(
                            c.line(),
                            c.subject(),
                            "duplicate id (also " + others + "); every entry with this id is rejected");
                }
            }
            return valid;
        }

        private LoadResult result(List<ExceptionEntry> valid) {
            List<ExceptionProblem> sorted = new ArrayList<>(errors);
            sorted.sort(java.util.Comparator.comparingInt(ExceptionProblem::line));
            return new LoadResult(ExceptionSet.of(valid), sorted, warnings);
        }

        private void error(int line, String subject, String message) {
            errors.add(new ExceptionProblem(file, line, subject, message));
        }

        private int lineOf(LocatedYaml node, String field) {
            LocatedYaml v = node.fields().get(field);
            return v != null ? v.line() : node.line();
        }
    }

    /** An RFC 3339 timestamp (offset required) or a date (midnight UTC at its start); null when neither. */
    static Instant parseExpiry(String text) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t, DateTimeFormatter.ISO_LOCAL_DATE)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            // RFC 3339 allows lowercase t/z and a space instead of T
            String normalized = t.toUpperCase(Locale.ROOT);
            if (normalized.length() > 10 && normalized.charAt(10) == ' ') {
                normalized = normalized.substring(0, 10) + 'T' + normalized.substring(11);
            }
            return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
