package io.vigil.source;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the API server answers, as readiness, {@code vigil_api_server_up} and the log see it, at start and when it
 * goes away later. The log gets one line per state change: when the server becomes unreachable (naming the error)
 * and when it answers again — never one per retry, per kind or per changed error message. The retry delay doubles from {@link #FIRST_RETRY} to
 * {@link #MAX_RETRY} and is reset by an answer.
 */
final class ApiServerHealth {
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ApiServerHealth.class);

    private final String url;
    private volatile boolean answered;
    private boolean everAnswered;
    private volatile String error;
    private Duration nextRetry = FIRST_RETRY;

    ApiServerHealth(String url) {
        this.url = url;
    }

    /** The server answered (any HTTP status of a kind probe). */
    synchronized void answered() {
        if (error != null) {
            LOG.info(
                    "API server {} answers again: {}",
                    url,
                    everAnswered ? "watching again (each kind re-lists)" : "starting the informers");
        }
        answered = true;
        everAnswered = true;
        error = null;
        nextRetry = FIRST_RETRY;
    }

    /** No answer; returns how long to wait before asking again. */
    synchronized Duration unreachable(String reason) {
        if (error == null) {
            LOG.warn(
                    "API server {} unreachable: {}; retrying with backoff ({}s to {}s) until it answers",
                    url,
                    reason,
                    FIRST_RETRY.toSeconds(),
                    MAX_RETRY.toSeconds());
        } else if (!reason.equals(error)) {
            // a cut connection fails as "reset", then "no bytes", then "reset" again: /readyz shows the latest
            LOG.debug("API server {} still unreachable: {}", url, reason);
        }
        answered = false;
        error = reason;
        Duration wait = nextRetry;
        nextRetry = nextRetry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextRetry.multipliedBy(2);
        return wait;
    }

    boolean up() {
        return answered && error == null;
    }

    /** Why the server is not usable, for {@code /readyz}; empty while it answers (or before the first probe). */
    Optional<String> problem() {
        String e = error;
        return e == null ? Optional.empty() : Optional.of("API server " + url + " unreachable: " + e + " (retrying)");
    }
}
