package io.vigil.checks.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.check.CheckDescriptor;
import io.vigil.check.ClusterView;
import io.vigil.check.Family;
import io.vigil.check.Violation;
import io.vigil.check.support.Findings;
import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecCheck;
import io.vigil.check.support.PodSpecView;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.Severity;
import java.util.Optional;

/**
 * A pod should get an API token only when it needs one: a mounted token is the first thing an attacker
 * in a container uses to move into the cluster. The effective setting is the pod spec's
 * {@code automountServiceAccountToken} if set, else its ServiceAccount's, else true; per DESIGN §4 a
 * dedicated ServiceAccount does not excuse leaving it unset.
 */
public final class SaTokenAutomount extends PodSpecCheck {
    private static final String FIELD = "automountServiceAccountToken";
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("sa-token-automount")
            .title("ServiceAccount token automounted")
            .severity(Severity.LOW)
            .family(Family.SERVICE_ACCOUNT)
            .subjects(Kinds.POD_SPEC_KINDS)
            .reads(Kinds.SERVICE_ACCOUNT)
            .controls("CIS:5.1.6")
            .remediation("set automountServiceAccountToken: false in the pod spec (or on its ServiceAccount); "
                    + "mount a projected token only in pods that call the API")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected void check(PodSpecView pod, ClusterView view, Findings out) {
        violation(pod.owner(), pod, view).ifPresent(out::add);
    }

    private static Optional<Violation> violation(KubeObject subject, PodSpecView pod, ClusterView view) {
        JsonNode own = pod.spec().path(FIELD);
        String sa = pod.serviceAccountName();
        String observed;
        if (Json.isFalse(own)) {
            return Optional.empty();
        } else if (Json.isTrue(own)) {
            observed = "true";
        } else {
            JsonNode inherited = view.get(Kinds.SERVICE_ACCOUNT, subject.namespace(), sa)
                    .map(account -> account.at(FIELD))
                    .orElse(null);
            if (Json.isFalse(inherited)) {
                return Optional.empty();
            }
            observed = inherited == null
                    ? "unset (ServiceAccount " + sa + " not found; defaults to true)"
                    : Json.isTrue(inherited)
                            ? "unset (ServiceAccount " + sa + " sets true)"
                            : "unset (ServiceAccount " + sa + " leaves it unset; defaults to true)";
        }
        return Optional.of(Violation.of(
                pod.path(FIELD),
                observed,
                "false",
                subject.kindKey() + " " + subject.name() + " automounts the API token of ServiceAccount " + sa));
    }
}
