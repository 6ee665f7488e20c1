package io.vigil.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code vigil.yaml} into a {@link RawConfig}, remembering the line of every key so each problem
 * can be reported as {@code file:line}. Keys are checked against {@link Setting} here, because only the
 * file knows where an unknown key was written.
 */
final class YamlConfigFile {
    /** An empty value ({@code kubeconfig:}) means unset, as a user commenting out a block expects. */
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final RawConfig raw;
    private final Problems problems;

    private YamlConfigFile(Path file, RawConfig raw, Problems problems) {
        this.file = file;
        this.raw = raw;
        this.problems = problems;
    }

    static void read(Path file, RawConfig raw, Problems problems) {
        YamlConfigFile reader = new YamlConfigFile(file, raw, problems);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonParser parser = YAML.createParser(in)) {
            reader.document(parser);
        } catch (NoSuchFileException e) {
            problems.add(Origin.file(file, 0), null, "no such file");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(Origin.file(file, line), null, "not valid YAML: " + withoutSource(e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(
                    Origin.file(file, 0),
                    null,
                    "cannot read: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** SnakeYAML quotes the offending source lines, which may hold a password: keep only its prose. */
    static String withoutSource(String message) {
        if (message == null) {
            return "syntax error";
        }
        return message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining("; "));
    }

    private void document(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return;
        }
        int line = p.currentTokenLocation().getLineNr();
        Located root = value(p, "");
        JsonToken next = p.nextToken();
        if (next != null && next != JsonToken.VALUE_NULL) {
            problems.add(
                    Origin.file(file, p.currentTokenLocation().getLineNr()), null, "only one YAML document is allowed");
        }
        if (root.node().isNull()) {
            return;
        }
        if (!root.node().isObject()) {
            problems.add(Origin.file(file, line), null, "expected a mapping of settings");
            return;
        }
        section("", root);
    }

    /** A node with the line of its key and of each of its children. */
    private record Located(JsonNode node, int line, Map<String, Located> fields, List<Located> items) {}

    private Located value(JsonParser p, String path) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode obj = NODES.objectNode();
                Map<String, Located> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    String child = path.isEmpty() ? name : path + "." + name;
                    p.nextToken();
                    Located v = value(p, child);
                    Located previous = fields.put(name, new Located(v.node(), keyLine, v.fields(), v.items()));
                    if (previous != null) {
                        problems.add(
                                Origin.file(file, keyLine), child, "set twice (first on line " + previous.line() + ")");
                    }
                    obj.set(name, v.node());
                }
                return new Located(obj, line, fields, List.of());
            }
            case START_ARRAY: {
                ArrayNode arr = NODES.arrayNode();
                List<Located> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    Located item = value(p, path);
                    items.add(item);
                    arr.add(item.node());
                }
                return new Located(arr, line, Map.of(), items);
            }
            case VALUE_NUMBER_INT:
                return scalar(NODES.numberNode(p.getBigIntegerValue()), line);
            case VALUE_NUMBER_FLOAT:
                return scalar(NODES.numberNode(p.getDecimalValue()), line);
            case VALUE_TRUE:
                return scalar(NODES.booleanNode(true), line);
            case VALUE_FALSE:
                return scalar(NODES.booleanNode(false), line);
            case VALUE_NULL:
                return scalar(NODES.nullNode(), line);
            default:
                return scalar(NODES.textNode(p.getText()), line);
        }
    }

    private static Located scalar(JsonNode node, int line) {
        return new Located(node, line, Map.of(), List.of());
    }

    private void section(String path, Located located) {
        for (Map.Entry<String, Located> field : located.fields().entrySet()) {
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            Located value = field.getValue();
            Origin origin = Origin.file(file, value.line());
            var setting = Setting.byPath(key);
            if (value.node().isNull()) {
                continue;
            } else if (setting.isPresent() && setting.get().isMap()) {
                entries(setting.get(), value, origin);
            } else if (setting.isPresent()) {
                raw.put(
                        setting.get(),
                        new RawValue(
                                value.node(),
                                origin,
                                value.items().stream()
                                        .map(i -> Origin.file(file, i.line()))
                                        .toList()));
            } else if (Setting.isSection(key)) {
                if (value.node().isObject()) {
                    section(key, value);
                } else {
                    problems.add(origin, key, "expected a mapping of settings");
                }
            } else {
                problems.add(origin, key, "unknown setting" + suggestion(path, field.getKey()));
            }
        }
    }

    private void entries(Setting setting, Located value, Origin origin) {
        if (!value.node().isObject()) {
            problems.add(origin, setting.path(), "expected a mapping (key: value per line)");
            return;
        }
        value.fields().forEach((k, v) -> raw.putEntry(setting, k, new RawValue(v.node(), Origin.file(file, v.line()))));
    }

    private static String suggestion(String section, String key) {
        if (section.equals("api") && key.equalsIgnoreCase("token")) {
            return " (secrets do not belong in the file: use api.tokenFile or VIGIL_API_TOKEN)";
        }
        Optional<String> sibling = Suggestions.closest(key, Setting.keysUnder(section));
        if (sibling.isPresent()) {
            return " (did you mean " + (section.isEmpty() ? "" : section + ".") + sibling.get() + "?)";
        }
        return Arrays.stream(Setting.values())
                .map(Setting::path)
                .filter(p -> Suggestions.closest(key, List.of(p.substring(p.lastIndexOf('.') + 1)))
                        .isPresent())
                .findFirst()
                .map(p -> " (did you mean " + p + "?)")
                .orElse("");
    }
}
