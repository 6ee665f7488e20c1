package io.vigil.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them ({@code 10ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 30d},
 * {@code 1h30m}) and as ISO-8601 ({@code PT10M}). A bare number is refused: {@code 10} could mean
 * milliseconds or minutes, and guessing wrong is silent.
 */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
    static final String EXAMPLES = "use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M";

    private Durations() {}

    /** @throws IllegalArgumentException with a message fit for the user */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration (" + EXAMPLES + ")");
        }
        if (t.matches("[0-9]+")) {
            throw new IllegalArgumentException("\"" + t + "\" needs a unit (" + EXAMPLES + ")");
        }
        Duration d = t.charAt(0) == 'P' || t.charAt(0) == 'p' ? iso(t) : simple(t);
        if (d.isNegative()) {
            throw new IllegalArgumentException("\"" + t + "\" is negative");
        }
        return d;
    }

    private static Duration iso(String t) {
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw notADuration(t);
        }
    }

    private static Duration simple(String t) {
        if (!WHOLE.matcher(t).matches()) {
            throw notADuration(t);
        }
        Duration total = Duration.ZERO;
        int lastUnit = -1;
        Matcher m = PART.matcher(t);
        try {
            while (m.find()) {
                int unit = UNITS.indexOf(m.group(2));
                if (unit <= lastUnit) {
                    throw new IllegalArgumentException(
                            "\"" + t + "\": units must go from largest to smallest, once each");
                }
                lastUnit = unit;
                total = total.plus(Duration.of(Long.parseLong(m.group(1)), chrono(m.group(2))));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("\"" + t + "\" is too long a duration");
        }
        return total;
    }

    private static ChronoUnit chrono(String unit) {
        return switch (unit) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
    }

    private static IllegalArgumentException notADuration(String t) {
        return new IllegalArgumentException("\"" + t + "\" is not a duration (" + EXAMPLES + ")");
    }

    /** The shortest form {@link #parse} reads back: {@code 10m}, {@code 1h30m}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
            return d.toString();
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        Duration rest = d.minusDays(days);
        append(out, days, "d");
        append(out, rest.toHours(), "h");
        append(out, rest.toMinutesPart(), "m");
        append(out, rest.toSecondsPart(), "s");
        append(out, rest.toMillisPart(), "ms");
        return out.length() == 0 ? d.toString() : out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
