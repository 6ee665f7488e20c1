package io.vigil.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call {@code /api/*}.
 *
 * @param token     present exactly when {@code auth} is {@link Auth#TOKEN}; prints masked
 * @param tokenFile where the token was read from, so a rotated Secret can be re-read
 */
public record ApiConfig(Auth auth, Optional<Secret> token, Optional<Path> tokenFile) {
    public enum Auth {
        TOKEN,
        NONE
    }

    public ApiConfig {
        Objects.requireNonNull(auth);
        if (auth == Auth.TOKEN && token.isEmpty()) {
            throw new IllegalArgumentException("token auth needs a token");
        }
    }
}
