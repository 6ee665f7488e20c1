package io.vigil.checks.serviceaccount;

import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecView;

/** What this family needs to know about the ServiceAccount a pod spec names. */
final class ServiceAccounts {
    static final String DEFAULT = "default";

    private ServiceAccounts() {}

    /** The name as the spec states it: "default", or "unset (default)" when no name is given. */
    static String observedName(PodSpecView pod) {
        boolean named = hasText(Json.text(pod.spec(), "serviceAccountName"))
                || hasText(Json.text(pod.spec(), "serviceAccount"));
        return named ? pod.serviceAccountName() : "unset (" + DEFAULT + ")";
    }

    private static boolean hasText(String s) {
        return s != null && !s.isEmpty();
    }
}
