package io.vigil.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --from-api}/{@code --token-file} of the commands that can read a running Vigil (report, baseline capture):
 * one declaration, so the URL is checked and the token found the same way in each.
 */
public final class ApiOptions {
    /** Where the token comes from without {@code --token-file}, as for {@code vigil watch}. */
    static final String TOKEN_VARIABLE = "VIGIL_API_TOKEN";

    @Option(
            names = "--from-api",
            paramLabel = "URL",
            description = "read from a running Vigil's API (e.g. http://vigil:8080): its open findings")
    URI url;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "bearer token for --from-api (default: $" + TOKEN_VARIABLE + ", else none)")
    Path tokenFile;

    Map<String, String> env = System.getenv();

    /** Whether a running Vigil is the input; a {@code --token-file} without {@code --from-api} is a usage error. */
    boolean given() {
        if (tokenFile != null && url == null) {
            throw new UserError("--token-file needs --from-api URL");
        }
        return url != null;
    }

    /** The API's base URL; anything but http(s) is a usage error naming the option. */
    URI url() {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserError("--from-api must be an http:// or https:// URL, got \"" + url + "\"");
        }
        return url;
    }

    /** The bearer token: the file's content (trimmed), else the variable's, else null ({@code api.auth: none}). */
    String token() {
        if (tokenFile == null) {
            String t = env.get(TOKEN_VARIABLE);
            return t == null || t.isBlank() ? null : t.strip();
        }
        String t;
        try {
            t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UserError("cannot read --token-file " + tokenFile + ": " + e.getMessage());
        }
        if (t.isEmpty()) {
            throw new UserError("--token-file " + tokenFile + " is empty");
        }
        return t;
    }
}
