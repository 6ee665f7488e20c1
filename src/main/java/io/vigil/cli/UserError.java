package io.vigil.cli;

/** A mistake by the user (bad option value, bad file): printed as one line, never as a stack trace. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
