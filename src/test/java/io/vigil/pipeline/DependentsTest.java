package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Kinds;
import io.vigil.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN §2: a change to a kind that cross-object checks read re-queues exactly the subjects it affects. */
class DependentsTest {
    private static final ResourceKey SHOP = new ResourceKey(Kinds.NAMESPACE, null, "shop");
    private static final ResourceKey OTHER = new ResourceKey(Kinds.NAMESPACE, null, "other");
    private static final ResourceKey API = new ResourceKey(Kinds.DEPLOYMENT, "shop", "api");
    private static final ResourceKey DB = new ResourceKey(Kinds.STATEFUL_SET, "shop", "db");
    private static final ResourceKey WEB = new ResourceKey(Kinds.DEPLOYMENT, "other", "web");
    private static final ResourceKey READER = new ResourceKey(Kinds.ROLE, "shop", "reader");
    private static final ResourceKey WRITER = new ResourceKey(Kinds.ROLE, "other", "writer");
    private static final ResourceKey OPERATOR = new ResourceKey(Kinds.CLUSTER_ROLE, null, "operator");
    private static final ResourceKey SETTINGS = new ResourceKey(Kinds.CONFIG_MAP, "shop", "settings");
    private static final List<ResourceKey> CACHED =
            List.of(SHOP, OTHER, API, DB, WEB, READER, WRITER, OPERATOR, SETTINGS);

    private final Dependents dependents = new Dependents(BuiltInChecks.catalog().all());

    private List<ResourceKey> requeued(ResourceKey changed) {
        return dependents.of(
                changed,
                (kind, namespace) -> CACHED.stream()
                        .filter(k -> k.kind().equals(kind) && (namespace == null || namespace.equals(k.namespace())))
                        .toList());
    }

    @Test
    void aNetworkPolicyChangeRequeuesItsNamespaceAndTheWorkloadsInIt() {
        assertThat(requeued(new ResourceKey(Kinds.NETWORK_POLICY, "shop", "default-deny")))
                .containsExactlyInAnyOrder(SHOP, API, DB);
    }

    @Test
    void aRoleBindingChangeRequeuesTheRolesOfItsNamespaceAndTheClusterRoles() {
        assertThat(requeued(new ResourceKey(Kinds.ROLE_BINDING, "shop", "readers")))
                .containsExactlyInAnyOrder(READER, OPERATOR);
    }

    @Test
    void aClusterRoleBindingChangeRequeuesRolesEverywhere() {
        assertThat(requeued(new ResourceKey(Kinds.CLUSTER_ROLE_BINDING, null, "operators")))
                .containsExactlyInAnyOrder(READER, WRITER, OPERATOR);
    }

    @Test
    void aChangeToAKindNoCheckReadsRequeuesNothing() {
        assertThat(requeued(SETTINGS)).isEmpty();
    }
}
