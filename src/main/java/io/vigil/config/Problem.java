package io.vigil.config;

/**
 * One thing wrong with the configuration, worded for the person who wrote it.
 *
 * @param origin  where the offending value was written; null when the problem is about the combination
 *                of settings or a missing one
 * @param setting the setting's path; null when the origin says it all (an unknown variable, broken YAML)
 */
public record Problem(Origin origin, String setting, String message) {
    @Override
    public String toString() {
        return (origin == null ? "" : origin + ": ") + (setting == null ? "" : setting + ": ") + message;
    }
}
