package io.vigil.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of the merged raw settings. A bad value becomes a {@link Problem} and the default stands in,
 * so binding carries on and every other setting is still checked. Defaults go through the same parsers
 * as user input: the documented default is the applied default.
 */
final class Binder {
    private static final int SHOWN_MAX = 80;

    private final RawConfig raw;
    private final Problems problems;

    Binder(RawConfig raw, Problems problems) {
        this.raw = raw;
        this.problems = problems;
    }

    /** One element of a list setting and where it was written. */
    record Item(String value, Origin origin) {}

    boolean isSet(Setting s) {
        return raw.get(s).isPresent() || !raw.entries(s).isEmpty();
    }

    Origin origin(Setting s) {
        return raw.get(s).map(RawValue::origin).orElse(null);
    }

    void problem(Setting s, String message) {
        problems.add(origin(s), s.path(), message);
    }

    void problem(Origin origin, Setting s, String message) {
        problems.add(origin, s.path(), message);
    }

    /** The value as text, or the default's text; empty when neither (an unset optional setting). */
    Optional<String> text(Setting s) {
        Optional<RawValue> value = raw.get(s);
        if (value.isPresent()) {
            JsonNode node = value.get().node();
            if (node.isValueNode()) {
                return Optional.of(node.asText().strip());
            }
            problem(s, "expected a single value, not a " + (node.isArray() ? "list" : "mapping"));
        }
        return s.defaultText();
    }

    /** A value parsed by {@code parser}, which throws {@link IllegalArgumentException} with the user's message. */
    <T> T typed(Setting s, Function<String, T> parser) {
        Optional<RawValue> value = raw.get(s);
        if (value.isPresent() && value.get().node().isValueNode()) {
            try {
                return parser.apply(value.get().node().asText().strip());
            } catch (IllegalArgumentException e) {
                problem(s, e.getMessage());
            }
        } else if (value.isPresent()) {
            text(s);
        }
        return parser.apply(s.defaultText().orElseThrow(() -> new IllegalStateException(s + " has no default")));
    }

    String string(Setting s) {
        return typed(s, t -> {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return t;
        });
    }

    boolean bool(Setting s) {
        return typed(s, Binder::parseBoolean);
    }

    static boolean parseBoolean(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(shown(t) + " is not true or false");
        };
    }

    int integer(Setting s, int min, int max) {
        return typed(s, t -> {
            long v;
            try {
                v = Long.parseLong(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(shown(t) + " is not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(t + " is out of range (" + min + "-" + max + ")");
            }
            return (int) v;
        });
    }

    Duration duration(Setting s, Duration min, Duration max) {
        return typed(s, t -> {
            Duration d = Durations.parse(t);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(
                        t + " is out of range (" + Durations.format(min) + " to " + Durations.format(max) + ")");
            }
            return d;
        });
    }

    int port(Setting s) {
        return typed(s, Forms::port);
    }

    <E extends Enum<E>> E choice(Setting s, Class<E> type) {
        return typed(s, t -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(shown(t) + " is not one of " + String.join(", ", names));
        });
    }

    /** A path; a leading {@code ~/} is the home directory, since YAML has no shell to expand it. */
    Optional<Path> path(Setting s) {
        Optional<String> text = text(s).filter(t -> !t.isEmpty());
        try {
            return text.map(Binder::toPath);
        } catch (IllegalArgumentException e) {
            problem(s, e.getMessage());
            return Optional.empty();
        }
    }

    /** A path that must be set: an empty value is a problem, and the default stands in. */
    Path requiredPath(Setting s) {
        return typed(s, t -> {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return toPath(t);
        });
    }

    private static Path toPath(String text) {
        try {
            return text.startsWith("~/") ? Path.of(System.getProperty("user.home"), text.substring(2)) : Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(shown(text) + " is not a valid path");
        }
    }

    /** A YAML sequence, or one comma-separated string (the only way an environment variable can hold a list). */
    List<Item> items(Setting s) {
        Optional<RawValue> value = raw.get(s);
        if (value.isEmpty()) {
            return split(s.defaultText().orElse(""), null);
        }
        RawValue v = value.get();
        if (v.node().isArray()) {
            List<Item> out = new ArrayList<>();
            for (int i = 0; i < v.node().size(); i++) {
                JsonNode element = v.node().get(i);
                if (element.isValueNode()
                        && !element.isNull()
                        && !element.asText().isBlank()) {
                    out.add(new Item(element.asText().strip(), v.itemOrigin(i)));
                } else {
                    problem(v.itemOrigin(i), s, "list element " + (i + 1) + " must be a non-empty single value");
                }
            }
            return out;
        }
        if (v.node().isValueNode()) {
            return split(v.node().asText(), v.origin());
        }
        problem(s, "expected a list, not a mapping");
        return List.of();
    }

    List<String> list(Setting s) {
        return items(s).stream().map(Item::value).toList();
    }

    private static List<Item> split(String text, Origin origin) {
        List<Item> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(new Item(part.strip(), origin));
            }
        }
        return out;
    }

    Map<String, RawValue> entries(Setting s) {
        return raw.entries(s);
    }

    /** A value quoted for a message, cut short so a pasted blob does not flood the terminal. */
    static String shown(String text) {
        String t = text.length() > SHOWN_MAX ? text.substring(0, SHOWN_MAX) + "..." : text;
        return "\"" + t + "\"";
    }
}
