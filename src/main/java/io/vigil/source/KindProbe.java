package io.vigil.source;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Asks the API server whether a kind can be read, with one {@code LIST ?limit=1}, before an informer is started
 * for it. fabric8's informer answers a 403 or 404 with a ~40-line ERROR stack trace from its Reflector (at start
 * and again at every re-list), and retries an unreachable server inside its own start; a probe answers all
 * three in one quiet request, so a kind Vigil may not read costs one log line when its state changes.
 */
final class KindProbe {
    /** What the API server said about a kind. */
    enum Answer {
        READABLE,
        FORBIDDEN,
        NOT_SERVED,
        /** No HTTP answer (refused, timed out, TLS) or a server error: the server, not the kind, is the problem. */
        UNREACHABLE
    }

    /** @param error for {@link Answer#UNREACHABLE}: the root cause, e.g. {@code ConnectException: Connection refused} */
    record Result(Answer answer, String error) {}

    private final KubernetesClient client;

    /** @param client a client that does not retry on its own: the caller decides when to ask again */
    KindProbe(KubernetesClient client) {
        this.client = client;
    }

    Result probe(WatchedKind kind) {
        var resources = client.genericKubernetesResources(kind.context());
        var options = new ListOptionsBuilder().withLimit(1L).build();
        try {
            if (kind.namespaced()) {
                resources.inAnyNamespace().list(options);
            } else {
                resources.list(options);
            }
            return new Result(Answer.READABLE, null);
        } catch (KubernetesClientException e) {
            return switch (e.getCode()) {
                case 403 -> new Result(Answer.FORBIDDEN, null);
                case 404 -> new Result(Answer.NOT_SERVED, null);
                default -> new Result(Answer.UNREACHABLE, describe(e));
            };
        } catch (RuntimeException e) {
            return new Result(Answer.UNREACHABLE, describe(e));
        }
    }

    /**
     * What went wrong, for an operator: the HTTP status when the server answered with one, else the network's
     * exception in the cause chain ({@code ConnectException}, {@code SSLHandshakeException}, ...: the JDK client
     * wraps it in bare IOExceptions and puts a channel detail inside it, both of which say less), else the first
     * I/O error with a message, else the innermost cause; as {@code SimpleName: message}.
     */
    static String describe(Throwable t) {
        if (t instanceof KubernetesClientException k && k.getCode() > 0) {
            return "HTTP " + k.getCode()
                    + (k.getStatus() == null ? "" : " " + k.getStatus().getReason());
        }
        Throwable chosen = null;
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // the network's own exceptions (ConnectException, UnknownHostException, SSL...) name the problem best
            String pkg = c.getClass().getPackageName();
            if (pkg.equals("java.net") || pkg.startsWith("javax.net")) {
                chosen = c;
            } else if (chosen == null && c instanceof java.io.IOException && c.getMessage() != null) {
                chosen = c;
            }
            root = c;
        }
        Throwable shown = chosen != null ? chosen : root;
        String message = shown.getMessage();
        return shown.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
