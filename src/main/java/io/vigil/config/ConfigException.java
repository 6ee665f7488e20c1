package io.vigil.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration is wrong: a user error, reported once with every problem so a deploy needs one
 * round trip, not one per typo. The message never contains a secret value.
 */
public final class ConfigException extends RuntimeException {
    private final transient List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
