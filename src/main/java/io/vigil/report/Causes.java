package io.vigil.report;

/** Why an I/O failed, in words a user reads (the JDK's network exceptions often carry no message at all). */
public final class Causes {
    private Causes() {}

    /**
     * The meaning of the first telling exception in the cause chain (refused, timed out, unknown host), else the
     * first message in it; never "null".
     */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "request timed out";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof java.net.ConnectException && t.getMessage() == null
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return "connection refused";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
