package io.vigil.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.model.FieldTypes;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceRef;
import io.vigil.model.SourceLocation;
import io.vigil.model.Unreadable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads manifests: files, directories (recursively, {@code .yaml}/{@code .yml}/{@code .json}) and stdin;
 * multi-document YAML, JSON and {@code List} kinds. Every problem becomes an {@link InputError} naming
 * file and line, and reading goes on with the next document.
 */
public final class ManifestReader {
    private static final Pattern DOC_SEPARATOR = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern DOC_END = Pattern.compile("^\\.\\.\\.\\s*$");
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern PROBLEM_LINE = Pattern.compile("in '[a-z]+', line (\\d+), column");

    private final String defaultNamespace;
    private final List<ScannedObject> objects = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();
    private int files;

    public ManifestReader(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    /** What was read so far. */
    public ScanInput result() {
        return new ScanInput(objects, errors, files);
    }

    /** Reads a path argument: "-" for stdin, a file, or a directory tree. */
    public ManifestReader readPath(String argument, InputStream stdin) {
        if ("-".equals(argument)) {
            try {
                readBytes("-", stdin.readAllBytes());
            } catch (IOException e) {
                errors.add(new InputError("-", 0, "cannot read standard input: " + e.getMessage()));
            }
            return this;
        }
        Path path = Path.of(argument);
        if (Files.isDirectory(path)) {
            readDirectory(path);
        } else if (Files.exists(path)) {
            readFile(path);
        } else {
            errors.add(new InputError(argument, 0, "no such file or directory"));
        }
        return this;
    }

    private void readDirectory(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .filter(ManifestReader::isManifestName)
                    .sorted()
                    .forEach(this::readFile);
        } catch (IOException | java.io.UncheckedIOException e) {
            errors.add(new InputError(dir.toString(), 0, "cannot list directory: " + e.getMessage()));
        }
    }

    private static boolean isManifestName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path file) {
        try {
            readBytes(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            errors.add(new InputError(file.toString(), 0, "cannot read file: " + reason(e)));
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }

    /** Reads one file's bytes; {@code name} is how errors and findings name it. */
    public ManifestReader readBytes(String name, byte[] bytes) {
        files++;
        String text;
        try {
            text = decode(bytes);
        } catch (CharacterCodingException e) {
            errors.add(new InputError(name, 0, "binary or non-UTF-8 file, not a manifest"));
            return this;
        }
        if (text.indexOf('\0') >= 0) {
            errors.add(new InputError(name, 0, "binary file, not a manifest"));
            return this;
        }
        if (!looksLikeJson(name, text) || !readJson(name, text)) {
            readDocuments(name, text);
        }
        return this;
    }

    /** A {@code .json} file, or a document whose first character opens a JSON object or array. */
    private static boolean looksLikeJson(String name, String text) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return true;
        }
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    /**
     * Reads JSON (tabs are legal there, not in YAML indentation): one or more concatenated values, each an
     * object or an array of objects. False when a non-{@code .json} input is not JSON after all (a YAML
     * flow mapping), so the caller reads it as YAML; a {@code .json} file's parse error is reported here.
     */
    private boolean readJson(String name, String text) {
        List<InputError> found = new ArrayList<>();
        List<Runnable> adds = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            for (LocatedTree.Document doc = LocatedTree.read(parser, 0);
                    doc.root() != null;
                    doc = LocatedTree.read(parser, 0)) {
                LocatedTree.Document d = doc;
                if (d.root().isObject()) {
                    adds.add(() -> addObject(name, d, (ObjectNode) d.root(), ""));
                } else if (d.root().isArray()) {
                    for (int i = 0; i < d.root().size(); i++) {
                        String pointer = "/" + i;
                        if (d.root().get(i).isObject()) {
                            adds.add(() ->
                                    addObject(name, d, (ObjectNode) d.root().at(pointer), pointer));
                        } else {
                            found.add(new InputError(
                                    name,
                                    d.lines().getOrDefault(pointer, d.firstLine()),
                                    "array item is not a Kubernetes object"));
                        }
                    }
                } else {
                    found.add(new InputError(name, d.firstLine(), "not a Kubernetes object: expected a JSON object"));
                }
            }
        } catch (JsonProcessingException e) {
            if (!name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                return false;
            }
            int line = Math.max(1, e.getLocation() == null ? 1 : e.getLocation().getLineNr());
            found.add(new InputError(name, line, "invalid JSON: " + parserReason(e)));
        } catch (IOException e) {
            found.add(new InputError(name, 1, "cannot parse: " + parserReason(e)));
        }
        adds.forEach(Runnable::run);
        errors.addAll(found);
        return true;
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private void readDocuments(String name, String text) {
        String[] lines = text.split("\r?\n", -1);
        StringBuilder doc = new StringBuilder();
        int docStart = 0;
        for (int i = 0; i < lines.length; i++) {
            boolean separator = DOC_SEPARATOR.matcher(lines[i]).matches();
            if (separator || DOC_END.matcher(lines[i]).matches()) {
                readDocument(name, doc.toString(), docStart);
                doc.setLength(0);
                docStart = i + 1;
                if (separator
                        && lines[i].length() > 3
                        && !lines[i].substring(3).isBlank()
                        && !lines[i].substring(3).trim().startsWith("#")) {
                    // "--- {inline: doc}": the content after the marker belongs to the new document.
                    doc.append(lines[i].substring(3)).append('\n');
                    docStart = i;
                }
                continue;
            }
            doc.append(lines[i]).append('\n');
        }
        readDocument(name, doc.toString(), docStart);
    }

    private void readDocument(String name, String text, int lineOffset) {
        if (text.isBlank()) {
            return;
        }
        LocatedTree.Document doc;
        try (JsonParser parser = YAML.createParser(text)) {
            doc = LocatedTree.read(parser, lineOffset);
        } catch (JsonProcessingException e) {
            int line = lineOffset + problemLine(e);
            errors.add(new InputError(name, line, "invalid YAML: " + parserReason(e)));
            return;
        } catch (IOException e) {
            errors.add(new InputError(name, lineOffset + 1, "cannot parse: " + parserReason(e)));
            return;
        }
        if (doc.root() == null || doc.root().isNull()) {
            return;
        }
        if (!doc.root().isObject()) {
            errors.add(new InputError(
                    name,
                    doc.firstLine(),
                    "not a Kubernetes object: expected a mapping with " + "apiVersion, kind and metadata, found "
                            + doc.root().getNodeType().name().toLowerCase(Locale.ROOT)));
            return;
        }
        addObject(name, doc, (ObjectNode) doc.root(), "");
    }

    private void addObject(String name, LocatedTree.Document doc, ObjectNode node, String pointer) {
        int line = doc.lines().getOrDefault(pointer, doc.firstLine());
        String kind = textField(node, "kind");
        String apiVersion = textField(node, "apiVersion");
        List<String> missing = new ArrayList<>();
        if (apiVersion == null) {
            missing.add("apiVersion");
        }
        if (kind == null) {
            missing.add("kind");
        }
        if (!missing.isEmpty()) {
            errors.add(new InputError(
                    name,
                    line,
                    "missing field "
                            + String.join(
                                    " and ",
                                    missing.stream().map(f -> "\"" + f + "\"").toList())
                            + ": not a Kubernetes object"));
            return;
        }
        if (kind.endsWith("List") && node.has("items")) {
            readListItems(name, doc, node, pointer);
            return;
        }
        String problem = KnownKinds.problem(apiVersion, kind);
        if (problem != null) {
            errors.add(new InputError(name, line, problem));
            return;
        }
        JsonNode metadata = node.path("metadata");
        String objectName = textField(metadata, "name");
        if (objectName == null || objectName.isEmpty()) {
            objectName = textField(metadata, "generateName");
        }
        if (objectName == null || objectName.isEmpty()) {
            int at = doc.lines().getOrDefault(pointer + "/metadata", line);
            errors.add(new InputError(name, at, kind + " has no metadata.name"));
            return;
        }
        boolean unreadable = FieldTypes.mark(node);
        for (Admission.Violation v : Admission.check(apiVersion, kind, node)) {
            int at = doc.lines().getOrDefault(pointer + v.pointer(), line);
            errors.add(new InputError(name, at, kind + " \"" + objectName + "\" is invalid: " + v.reason()));
        }
        ApiDefaults.apply(node, defaultNamespace);
        String namespace = textField(node.path("metadata"), "namespace");
        ResourceRef ref = new ResourceRef(apiVersion, kind, namespace, objectName, textField(metadata, "uid"));
        KubeObject object =
                new KubeObject(ref, unreadable ? Unreadable.flag(node) : node, new SourceLocation(name, line));
        objects.add(new ScannedObject(object, pointer, doc.lines()));
    }

    private void readListItems(String name, LocatedTree.Document doc, ObjectNode list, String pointer) {
        JsonNode items = list.get("items");
        if (!items.isArray()) {
            int at = doc.lines().getOrDefault(pointer + "/items", doc.firstLine());
            errors.add(new InputError(name, at, "\"items\" of a List must be a sequence"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPointer = pointer + "/items/" + i;
            if (items.get(i).isObject()) {
                addObject(name, doc, (ObjectNode) items.get(i), itemPointer);
            } else {
                errors.add(new InputError(
                        name,
                        doc.lines().getOrDefault(itemPointer, doc.firstLine()),
                        "List item is not a Kubernetes object"));
            }
        }
    }

    private static String textField(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /**
     * SnakeYAML names the problem's line last ("in 'reader', line N"); Jackson's location is the context's.
     * The context is the better pointer when the problem is the end of the input (an unclosed bracket).
     */
    private static int problemLine(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        Matcher m = PROBLEM_LINE.matcher(message);
        int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
        while (!message.contains("<stream end>") && m.find()) {
            line = Integer.parseInt(m.group(1));
        }
        return Math.max(1, line);
    }

    /**
     * The parser's own words without its location lines: SnakeYAML puts the context first ("while scanning
     * for the next token") and the actual problem on a later line, so the first line alone drops it.
     */
    static String parserReason(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        List<String> parts = new ArrayList<>();
        boolean excerpt = false;
        for (String line : message.split("\\r?\\n")) {
            String t = line.trim();
            if (t.startsWith("in '")) {
                excerpt = true; // the location, then a copy of the line and a caret under the column
            } else if (excerpt) {
                excerpt = !t.matches("\\^+");
            } else if (!t.isEmpty() && !t.startsWith("at [Source")) {
                parts.add(t);
            }
        }
        return parts.isEmpty() ? e.getClass().getSimpleName() : String.join("; ", parts);
    }
}
