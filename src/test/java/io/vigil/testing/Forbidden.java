package io.vigil.testing;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vigil.format.FindingJson;
import io.vigil.source.WatchedKind;

/** Arms a mock API server to answer 403, as RBAC does, to every LIST of a kind (plain, probe, paged informer and resourceVersion=0 forms). */
public final class Forbidden {
    private Forbidden() {}

    public static void kind(KubernetesMockServer server, WatchedKind kind) {
        String path = (kind.group().isEmpty() ? "/api/" : "/apis/" + kind.group() + "/") + kind.version() + "/"
                + kind.plural();
        String body = FindingJson.MAPPER
                .valueToTree(new StatusBuilder()
                        .withStatus("Failure")
                        .withReason("Forbidden")
                        .withCode(403)
                        .withMessage(kind.plural() + " is forbidden: User \"system:serviceaccount:vigil:vigil\" cannot"
                                + " list resource \"" + kind.plural() + "\" at the cluster scope")
                        .build())
                .toString();
        for (String query : new String[] {"", "?limit=1", "?limit=500", "?resourceVersion=0"}) {
            server.expect().get().withPath(path + query).andReturn(403, body).always();
        }
    }
}
