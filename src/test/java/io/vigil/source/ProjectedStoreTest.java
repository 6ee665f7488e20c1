package io.vigil.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vigil.check.support.Indexes;
import io.vigil.model.KubeObject;
import io.vigil.source.compact.Compact;
import io.vigil.source.compact.CompactSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectedStoreTest {
    private static final WatchedKind PODS = WatchedKinds.ALL.stream()
            .filter(k -> k.kindKey().equals("Pod"))
            .findFirst()
            .orElseThrow();
    private static final WatchedKind BINDINGS = WatchedKinds.ALL.stream()
            .filter(k -> k.kindKey().equals("RoleBinding"))
            .findFirst()
            .orElseThrow();
    private final CompactSerialization serialization = CompactSerialization.create(Compact.decoder());

    private GenericKubernetesResource pod(String ns, String name, String sa, String rv, boolean owned) {
        String owner =
                owned ? ",\"ownerReferences\":[{\"kind\":\"ReplicaSet\",\"name\":\"rs\",\"controller\":true}]" : "";
        return serialization.unmarshal(
                "{\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\",\"resourceVersion\":\"%s\"%s},\"spec\":{\"serviceAccountName\":\"%s\",\"containers\":[]}}"
                        .formatted(name, ns, rv, owner, sa),
                GenericKubernetesResource.class);
    }

    private static List<String> names(List<KubeObject> objects) {
        return objects.stream().map(KubeObject::name).sorted().toList();
    }

    @Test
    void theServiceAccountIndexFollowsAddsUpdatesAndDeletesOfTopLevelWorkloads() {
        ProjectedStore store = new ProjectedStore(PODS, serialization);
        store.put("shop/a", pod("shop", "a", "api", "1", false));
        store.put("shop/b", pod("shop", "b", "api", "1", false));
        store.put("shop/c", pod("shop", "c", "api", "1", true));
        store.put("bank/d", pod("bank", "d", "api", "1", false));

        assertThat(names(store.indexed(Indexes.SERVICE_ACCOUNT, "shop", "api"))).containsExactly("a", "b");
        assertThat(names(store.indexed(Indexes.SERVICE_ACCOUNT, null, "api"))).containsExactly("a", "b", "d");

        store.put("shop/b", pod("shop", "b", "worker", "2", false));
        store.remove("shop/a");

        assertThat(store.indexed(Indexes.SERVICE_ACCOUNT, "shop", "api")).isEmpty();
        assertThat(names(store.indexed(Indexes.SERVICE_ACCOUNT, "shop", "worker")))
                .containsExactly("b");
        assertThat(names(store.indexed(Indexes.SERVICE_ACCOUNT, null, "api"))).containsExactly("d");
        assertThat(store.keeps(Indexes.SERVICE_ACCOUNT)).isTrue();
        assertThat(store.keeps(Indexes.ROLE_REF)).isFalse();
    }

    @Test
    void bindingsAreIndexedByTheRoleTheyGrant() {
        ProjectedStore store = new ProjectedStore(BINDINGS, serialization);
        store.put(
                "shop/edit",
                serialization.unmarshal(
                        "{\"metadata\":{\"name\":\"edit\",\"namespace\":\"shop\",\"resourceVersion\":\"1\"},"
                                + "\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"cluster-admin\"}}",
                        GenericKubernetesResource.class));

        assertThat(names(store.indexed(Indexes.ROLE_REF, null, "ClusterRole/cluster-admin")))
                .containsExactly("edit");
        assertThat(store.indexed(Indexes.ROLE_REF, "bank", "ClusterRole/cluster-admin"))
                .isEmpty();
    }

    @Test
    void anUpdateHandsTheInformerThePreviousIdentityWithItsResourceVersion() {
        ProjectedStore store = new ProjectedStore(PODS, serialization);
        assertThat(store.put("shop/a", pod("shop", "a", "api", "1", false))).isNull();

        GenericKubernetesResource previous = store.put("shop/a", pod("shop", "a", "api", "2", false));

        assertThat(previous.getMetadata().getResourceVersion()).isEqualTo("1");
        assertThat(store.get("shop/a").getMetadata().getResourceVersion()).isEqualTo("2");
        assertThat(store.object("shop", "a").ref().apiVersion()).isEqualTo("v1");
        assertThat(store.object("shop", "a").at("kind").asText()).isEqualTo("Pod");
    }

    private GenericKubernetesResource badPod(String name, String rv) {
        return serialization.unmarshal(
                "{\"metadata\":{\"name\":\"%s\",\"namespace\":\"shop\",\"resourceVersion\":\"%s\"},\"spec\":{\"hostNetwork\":\"yes\",\"containers\":[]}}"
                        .formatted(name, rv),
                GenericKubernetesResource.class);
    }

    @Test
    void eachVersionOfAnObjectWithAnUnreadableFieldCountsOnceSoARelistAddsNothing() {
        ProjectedStore store = new ProjectedStore(PODS, serialization);
        store.put("shop/good", pod("shop", "good", "api", "1", false));
        store.put("shop/bad", badPod("bad", "1"));
        store.put("shop/bad", badPod("bad", "1"));
        store.put("shop/good", pod("shop", "good", "api", "1", false));

        assertThat(store.decodeErrors()).isEqualTo(1);
        assertThat(store.object("shop", "bad").at("metadata", "name").asText()).isEqualTo("bad");

        store.put("shop/bad", badPod("bad", "2"));

        assertThat(store.decodeErrors()).isEqualTo(2);
    }
}
