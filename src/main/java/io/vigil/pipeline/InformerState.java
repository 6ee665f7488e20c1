package io.vigil.pipeline;

import java.util.Locale;

/** The state of one kind's informer, as {@code vigil_informer_state{kind,state}} reports it. */
public enum InformerState {
    SYNCED,
    SYNCING,
    FORBIDDEN,
    NOT_SERVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
