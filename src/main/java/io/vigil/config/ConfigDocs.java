package io.vigil.config;

/** The settings table of {@code docs/configuration.md}, generated so the page cannot drift from the code. */
public final class ConfigDocs {
    private ConfigDocs() {}

    public static String table() {
        StringBuilder out = new StringBuilder();
        out.append("| setting | environment variable | type | default | meaning |\n");
        out.append("|---|---|---|---|---|\n");
        for (Setting s : Setting.values()) {
            out.append("| `")
                    .append(s.path())
                    .append("` | `")
                    .append(envName(s))
                    .append("` | ")
                    .append(cell(s.type()))
                    .append(" | ")
                    .append(defaultCell(s))
                    .append(" | ")
                    .append(cell(s.doc()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String envName(Setting s) {
        return s == Setting.KAFKA_PROPERTIES ? EnvOverrides.KAFKA_PROPERTY_PREFIX + "<NAME>" : s.envName();
    }

    private static String defaultCell(Setting s) {
        if (s == Setting.KAFKA_ENABLED) {
            return "`true` when `kafka.bootstrapServers` is set";
        }
        return s.defaultText().map(d -> d.isEmpty() ? "(empty)" : "`" + d + "`").orElse("(unset)");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
