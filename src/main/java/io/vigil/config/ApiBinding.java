package io.vigil.config;

import io.vigil.config.ApiConfig.Auth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code api.*} and the bearer token. The token's value is never put in a message: problems say what is
 * wrong with it (missing, empty, whitespace), not what it is.
 */
final class ApiBinding {
    private final Binder b;
    private final Problems problems;

    ApiBinding(Binder b, Problems problems) {
        this.b = b;
        this.problems = problems;
    }

    ApiConfig bind(Map<String, String> env) {
        Auth auth = b.choice(Setting.API_AUTH, Auth.class);
        Optional<Path> tokenFile = b.path(Setting.API_TOKEN_FILE);
        String fromEnv = env.get(EnvOverrides.API_TOKEN);
        Optional<String> envToken = fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv);
        if (auth == Auth.NONE) {
            return new ApiConfig(Auth.NONE, Optional.empty(), tokenFile);
        }
        Optional<String> token = Optional.empty();
        if (tokenFile.isPresent() && envToken.isPresent()) {
            b.problem(Setting.API_TOKEN_FILE, "set api.tokenFile or " + EnvOverrides.API_TOKEN + ", not both");
        } else if (tokenFile.isPresent()) {
            token = readTokenFile(tokenFile.get());
        } else if (envToken.isPresent()) {
            token = checked(envToken.get(), Origin.env(EnvOverrides.API_TOKEN), null);
        } else {
            problems.addIfAlone(
                    b.origin(Setting.API_AUTH),
                    Setting.API_AUTH.path(),
                    "token authentication needs a token: " + "set api.tokenFile (a mounted Secret) or "
                            + EnvOverrides.API_TOKEN + ", or api.auth: none");
        }
        // With a problem recorded the loader throws; the placeholder only keeps binding going.
        return new ApiConfig(Auth.TOKEN, Optional.of(new Secret(token.orElse(""))), tokenFile);
    }

    private Optional<String> readTokenFile(Path file) {
        try {
            return checked(
                    Files.readString(file, StandardCharsets.UTF_8),
                    b.origin(Setting.API_TOKEN_FILE),
                    Setting.API_TOKEN_FILE.path());
        } catch (NoSuchFileException e) {
            b.problem(Setting.API_TOKEN_FILE, "no such file: " + file);
        } catch (AccessDeniedException e) {
            b.problem(Setting.API_TOKEN_FILE, "permission denied: " + file);
        } catch (IOException e) {
            b.problem(
                    Setting.API_TOKEN_FILE,
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return Optional.empty();
    }

    /** A mounted Secret usually ends with a newline; that is not part of the token, but inner whitespace is a mistake. */
    private Optional<String> checked(String raw, Origin origin, String setting) {
        String token = raw.strip();
        if (token.isEmpty()) {
            problems.add(origin, setting, "the token is empty");
            return Optional.empty();
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            problems.add(origin, setting, "the token " + new Secret(token) + " contains whitespace");
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
