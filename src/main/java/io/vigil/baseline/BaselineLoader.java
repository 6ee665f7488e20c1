package io.vigil.baseline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceRef;
import io.vigil.model.Severity;
import io.vigil.scan.LocatedTree;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and validates a baseline document. Every problem names the file, the line and the entry; an
 * invalid entry is dropped and the valid ones are kept. Only a file that is not a baseline at all (not
 * YAML, not a mapping, another kind, an unsupported apiVersion) yields no baseline. A digest that does not
 * match the content (the file was edited after capture) is reported; the entries are still returned.
 */
public final class BaselineLoader {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> TOP =
            Set.of("apiVersion", "kind", "metadata", "digest", "findings", "fingerprints");
    private static final Set<String> METADATA = Set.of("cluster", "capturedAt", "capturedBy", "source");
    private static final Set<String> FINDING =
            Set.of("id", "check", "severity", "resource", "path", "observed", "expected");
    private static final Set<String> RESOURCE = Set.of("apiVersion", "kind", "namespace", "name");
    private static final Set<String> FINGERPRINT =
            Set.of("apiVersion", "kind", "namespace", "name", "sha256", "fields");

    private final String file;
    private final Map<String, Integer> lines;
    private final List<BaselineProblem> problems = new ArrayList<>();

    private BaselineLoader(String file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The outcome: the baseline (absent when a fatal problem left none) and every problem found. */
    public record Result(Optional<Baseline> baseline, List<BaselineProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        /** No problem at all. */
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    public static Result load(Path path) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return fatal(name, "no such file");
        } catch (IOException e) {
            return fatal(
                    name,
                    "cannot read: "
                            + (e instanceof java.nio.file.AccessDeniedException
                                    ? "permission denied"
                                    : e.getMessage()));
        }
        try {
            return parse(
                    name,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(bytes))
                            .toString());
        } catch (CharacterCodingException e) {
            return fatal(name, "binary or non-UTF-8 file, not a baseline");
        }
    }

    /** Parses a baseline from text; {@code name} is how problems name the source (a file, a ConfigMap key). */
    public static Result parse(String name, String text) {
        LocatedTree.Document doc;
        boolean moreDocuments;
        try (JsonParser parser = YAML.createParser(text)) {
            doc = LocatedTree.read(parser, 0);
            moreDocuments = doc.root() != null && parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            return new Result(Optional.empty(), List.of(invalidYaml(name, e)));
        } catch (IOException e) {
            return fatal(name, "cannot read: " + e.getMessage());
        }
        BaselineLoader loader = new BaselineLoader(name, doc.lines());
        Optional<Baseline> baseline = loader.document(doc.root());
        if (moreDocuments) {
            loader.problem("", null, "more than one YAML document; only the first is read");
        }
        return new Result(baseline, loader.problems);
    }

    /**
     * Reads the entries of a fingerprint list (a baseline's {@code fingerprints}, or the payload of
     * {@code GET /api/v1/fingerprints} read as JSON): valid entries are returned, invalid ones reported.
     */
    public static List<Fingerprint> fingerprints(
            String name, JsonNode list, String entryPrefix, List<BaselineProblem> problems) {
        BaselineLoader loader = new BaselineLoader(name, Map.of());
        List<Fingerprint> out = loader.fingerprintList(list, "", entryPrefix);
        problems.addAll(loader.problems);
        return out;
    }

    private static BaselineProblem invalidYaml(String name, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null || m.getContextMark() == null
                    ? ""
                    : " (" + m.getContext() + " from line "
                            + (m.getContextMark().getLine() + 1) + ")";
            return new BaselineProblem(
                    name, m.getProblemMark().getLine() + 1, null, "invalid YAML: " + m.getProblem() + context, true);
        }
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        return new BaselineProblem(
                name, line, null, "invalid YAML: " + (newline < 0 ? message : message.substring(0, newline)), true);
    }

    private static Result fatal(String name, String reason) {
        return new Result(Optional.empty(), List.of(new BaselineProblem(name, 0, null, reason, true)));
    }

    private Optional<Baseline> document(JsonNode root) {
        if (root == null) {
            fatalProblem("", null, "empty file, not a baseline");
            return Optional.empty();
        }
        if (!root.isObject()) {
            fatalProblem("", null, "not a baseline: expected a mapping with apiVersion " + Baseline.API_VERSION);
            return Optional.empty();
        }
        String apiVersion = text(root, "apiVersion");
        if (apiVersion == null) {
            fatalProblem("", "apiVersion", "missing (expected " + Baseline.API_VERSION + ")");
            return Optional.empty();
        }
        if (!Baseline.API_VERSION.equals(apiVersion)) {
            fatalProblem(
                    "/apiVersion",
                    "apiVersion",
                    "unsupported \"" + apiVersion + "\" (this Vigil reads " + Baseline.API_VERSION + ")");
            return Optional.empty();
        }
        String kind = text(root, "kind");
        if (!Baseline.KIND.equals(kind)) {
            fatalProblem(
                    kind == null ? "" : "/kind",
                    "kind",
                    kind == null ? "missing (expected Baseline)" : "\"" + kind + "\" is not a Baseline");
            return Optional.empty();
        }
        unknownFields(root, "", null, TOP);
        Baseline.Metadata metadata = metadata(root.get("metadata"));
        List<Baseline.AcceptedFinding> findings = findingList(root.get("findings"));
        List<Fingerprint> fingerprints = fingerprintList(root.get("fingerprints"), "/fingerprints", "fingerprints");
        String digest = digest(root);
        return Optional.of(new Baseline(metadata, findings, fingerprints, digest));
    }

    // ---- sections

    private Baseline.Metadata metadata(JsonNode meta) {
        if (meta == null || !meta.isObject()) {
            problem(meta == null ? "" : "/metadata", "metadata", meta == null ? "missing" : "must be a mapping");
            return new Baseline.Metadata(null, null, null, null);
        }
        unknownFields(meta, "/metadata", "metadata", METADATA);
        String cluster = requiredText(meta, "/metadata", "metadata", "cluster");
        String at = requiredText(meta, "/metadata", "metadata", "capturedAt");
        Instant capturedAt = null;
        if (at != null) {
            try {
                capturedAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                problem(
                        "/metadata/capturedAt",
                        "metadata",
                        "capturedAt \"" + at + "\" is not an RFC 3339 UTC time (2026-01-31T12:00:00Z)");
            }
        }
        return new Baseline.Metadata(
                cluster,
                capturedAt,
                optionalText(meta, "/metadata", "metadata", "capturedBy"),
                optionalText(meta, "/metadata", "metadata", "source"));
    }

    private List<Baseline.AcceptedFinding> findingList(JsonNode list) {
        List<Baseline.AcceptedFinding> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            problem("", "findings", "missing (write findings: [] for none)");
            return out;
        }
        if (!list.isArray()) {
            problem("/findings", "findings", "must be a list");
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/findings/" + i;
            String entry = "findings[" + i + "]";
            finding(list.get(i), pointer, entry).ifPresent(f -> {
                if (seen.add(f.id())) {
                    out.add(f);
                } else {
                    problem(pointer, entry, "duplicate id " + f.id() + " (the first entry is kept)");
                }
            });
        }
        return out;
    }

    private Optional<Baseline.AcceptedFinding> finding(JsonNode n, String pointer, String entry) {
        if (!n.isObject()) {
            problem(pointer, entry, "must be a mapping");
            return Optional.empty();
        }
        int before = problems.size();
        unknownFields(n, pointer, entry, FINDING);
        String id = requiredText(n, pointer, entry, "id");
        if (id != null && !HEX64.matcher(id).matches()) {
            problem(pointer + "/id", entry, "id \"" + id + "\" is not a finding id (64 lowercase hex digits)");
        }
        String check = requiredText(n, pointer, entry, "check");
        if (check != null && !SLUG.matcher(check).matches()) {
            problem(pointer + "/check", entry, "check \"" + check + "\" is not a check id");
        }
        String sev = requiredText(n, pointer, entry, "severity");
        Severity severity = null;
        if (sev != null) {
            severity = Severity.parse(sev).orElse(null);
            if (severity == null) {
                problem(
                        pointer + "/severity",
                        entry,
                        "unknown severity \"" + sev + "\" (critical, high, medium, low or info)");
            }
        }
        ResourceRef resource = resource(n.get("resource"), pointer + "/resource", entry);
        String path = requiredText(n, pointer, entry, "path");
        String observed = optionalText(n, pointer, entry, "observed");
        String expected = optionalText(n, pointer, entry, "expected");
        if (hasErrors(before)) {
            return Optional.empty();
        }
        return Optional.of(new Baseline.AcceptedFinding(id, check, severity, resource, path, observed, expected));
    }

    private ResourceRef resource(JsonNode n, String pointer, String entry) {
        if (n == null || n.isNull()) {
            problem(parent(pointer), entry, "missing resource");
            return null;
        }
        if (!n.isObject()) {
            problem(pointer, entry, "resource must be a mapping");
            return null;
        }
        unknownFields(n, pointer, entry, RESOURCE);
        String apiVersion = requiredText(n, pointer, entry, "apiVersion", "resource.apiVersion");
        String kind = requiredText(n, pointer, entry, "kind", "resource.kind");
        String name = requiredText(n, pointer, entry, "name", "resource.name");
        String namespace = optionalText(n, pointer, entry, "namespace");
        return new ResourceRef(apiVersion, kind, namespace, name, null);
    }

    private List<Fingerprint> fingerprintList(JsonNode list, String pointer, String entryPrefix) {
        List<Fingerprint> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            problem("", entryPrefix, "missing (write " + entryPrefix + ": [] for none)");
            return out;
        }
        if (!list.isArray()) {
            problem(pointer, entryPrefix, "must be a list");
            return out;
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = pointer + "/" + i;
            String entry = entryPrefix + "[" + i + "]";
            fingerprint(list.get(i), p, entry).ifPresent(f -> {
                if (seen.add(f.key())) {
                    out.add(f);
                } else {
                    problem(p, entry, "duplicate entry for " + f.display() + " (the first entry is kept)");
                }
            });
        }
        return out;
    }

    private Optional<Fingerprint> fingerprint(JsonNode n, String pointer, String entry) {
        if (!n.isObject()) {
            problem(pointer, entry, "must be a mapping");
            return Optional.empty();
        }
        int before = problems.size();
        unknownFields(n, pointer, entry, FINGERPRINT);
        String apiVersion = requiredText(n, pointer, entry, "apiVersion");
        String kind = requiredText(n, pointer, entry, "kind");
        String name = requiredText(n, pointer, entry, "name");
        String namespace = optionalText(n, pointer, entry, "namespace");
        if (apiVersion != null && kind != null) {
            String kindKey =
                    new ResourceRef(apiVersion, kind, null, "", null).key().kind();
            if (!Fingerprints.covers(kindKey)) {
                problem(pointer + "/kind", entry, kind + " (" + apiVersion + ") is not a fingerprinted kind");
            } else if (Kinds.isNamespaced(kindKey) && namespace == null) {
                problem(pointer, entry, "missing namespace (" + kind + " is namespaced)");
            } else if (!Kinds.isNamespaced(kindKey) && namespace != null) {
                problem(pointer + "/namespace", entry, kind + " is cluster-scoped but has a namespace");
            }
        }
        String sha256 = requiredText(n, pointer, entry, "sha256");
        if (sha256 != null && !HEX64.matcher(sha256).matches()) {
            problem(pointer + "/sha256", entry, "sha256 is not 64 lowercase hex digits");
            sha256 = null;
        }
        TreeMap<String, String> fields = new TreeMap<>();
        JsonNode f = n.get("fields");
        if (f == null || f.isNull()) {
            problem(pointer, entry, "missing fields (write fields: {} for none)");
        } else if (!f.isObject()) {
            problem(pointer + "/fields", entry, "fields must be a mapping of field name to value");
        } else {
            Canonical.fields(f).forEach((k, v) -> {
                if (!v.isNull()) {
                    fields.put(k, BaselineCodec.fieldText(v));
                } else {
                    problem(
                            pointer + "/fields/" + k.replace("~", "~0").replace("/", "~1"),
                            entry,
                            "fields." + k + " has no value");
                }
            });
            if (sha256 != null && !hasErrors(before) && !sha256.equals(Fingerprints.sha256(fields))) {
                problem(pointer + "/sha256", entry, "sha256 does not match the entry's fields (edited by hand?)");
            }
        }
        if (hasErrors(before)) {
            return Optional.empty();
        }
        return Optional.of(new Fingerprint(apiVersion, kind, namespace, name, sha256, fields));
    }

    private String digest(JsonNode root) {
        String digest = text(root, "digest");
        if (digest == null) {
            problem(
                    "",
                    "digest",
                    "missing: the baseline cannot be verified (capture it with 'vigil baseline capture')");
            return null;
        }
        String actual = BaselineCodec.digestOf(root);
        if (!digest.equals(actual)) {
            problem(
                    "/digest",
                    "digest",
                    "does not match the content (recorded " + abbreviate(digest)
                            + ", content hashes to " + abbreviate(actual) + "): the file was changed after capture;"
                            + " capture it again rather than editing it");
        }
        return digest;
    }

    // ---- helpers

    /** Problems of an entry: unknown fields are reported but do not cost the entry. */
    private boolean hasErrors(int before) {
        return problems.subList(before, problems.size()).stream()
                .anyMatch(p -> !p.reason().startsWith("unknown field"));
    }

    private void unknownFields(JsonNode n, String pointer, String entry, Set<String> known) {
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problem(pointer + "/" + k, entry, "unknown field \"" + k + "\"");
            }
        });
    }

    private String requiredText(JsonNode n, String pointer, String entry, String field) {
        return requiredText(n, pointer, entry, field, field);
    }

    private String requiredText(JsonNode n, String pointer, String entry, String field, String label) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isValueNode() && v.asText().isEmpty())) {
            problem(pointer, entry, "missing " + label);
            return null;
        }
        if (!v.isValueNode()) {
            problem(pointer + "/" + field, entry, label + " must be a string");
            return null;
        }
        return v.asText();
    }

    private String optionalText(JsonNode n, String pointer, String entry, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            problem(pointer + "/" + field, entry, field + " must be a string");
            return null;
        }
        return v.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }

    private static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    private static String abbreviate(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
    }

    private int line(String pointer) {
        Integer line = lines.get(pointer);
        if (line == null && !pointer.isEmpty()) {
            return line(parent(pointer));
        }
        return line == null ? 0 : line;
    }

    private void problem(String pointer, String entry, String reason) {
        problems.add(new BaselineProblem(file, line(pointer), entry, reason, false));
    }

    private void fatalProblem(String pointer, String entry, String reason) {
        problems.add(new BaselineProblem(file, line(pointer), entry, reason, true));
    }
}
