package io.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.support.Indexes;
import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Kinds;
import io.vigil.model.KubeObject;
import io.vigil.model.ResourceKey;
import io.vigil.model.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN §2, §11: a change to a kind that cross-object checks read re-queues exactly the subjects it affects. */
class DependentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceKey SHOP = new ResourceKey(Kinds.NAMESPACE, null, "shop");
    private static final ResourceKey OTHER = new ResourceKey(Kinds.NAMESPACE, null, "other");
    private static final ResourceKey API = new ResourceKey(Kinds.DEPLOYMENT, "shop", "api");
    private static final ResourceKey DB = new ResourceKey(Kinds.STATEFUL_SET, "shop", "db");
    private static final ResourceKey WEB = new ResourceKey(Kinds.DEPLOYMENT, "other", "web");
    private static final ResourceKey READER = new ResourceKey(Kinds.ROLE, "shop", "reader");
    private static final ResourceKey WRITER = new ResourceKey(Kinds.ROLE, "other", "writer");
    private static final ResourceKey OPERATOR = new ResourceKey(Kinds.CLUSTER_ROLE, null, "operator");
    private static final ResourceKey SETTINGS = new ResourceKey(Kinds.CONFIG_MAP, "shop", "settings");
    private static final ResourceKey BILLING = new ResourceKey(Kinds.DEPLOYMENT, "shop", "billing");
    private static final ResourceKey BATCH = new ResourceKey(Kinds.POD, "shop", "batch");
    private static final ResourceKey REPORTER = new ResourceKey(Kinds.CRON_JOB, "shop", "reporter");
    private static final ResourceKey API_POD = new ResourceKey(Kinds.POD, "shop", "api-7d9f-x2k4p");
    private static final ResourceKey OTHER_BILLING = new ResourceKey(Kinds.DEPLOYMENT, "other", "billing");

    private final Dependents dependents = new Dependents(BuiltInChecks.catalog().all());
    private final MemorySource source = new MemorySource();
    private final SeenIndexValues seen = new SeenIndexValues();

    @BeforeEach
    void cache() {
        for (ResourceKey key : List.of(SHOP, OTHER, READER, WRITER, OPERATOR, SETTINGS)) {
            source.put(
                    new KubeObject(new ResourceRef("v1", key.kind(), key.namespace(), key.name(), null), null, null));
        }
        put(API, "payments");
        put(DB, "storage");
        put(WEB, "web");
        put(BILLING, "payments");
        put(BATCH, "payments");
        put(REPORTER, "reports");
        put(OTHER_BILLING, "payments");
        source.put(controlledPod(API_POD, "payments"));
        for (int i = 0; i < 1000; i++) {
            put(new ResourceKey(Kinds.POD, "shop", "worker-" + i), "worker-" + (i % 100));
        }
    }

    @Test
    void aNetworkPolicyChangeRequeuesItsNamespaceAndTheWorkloadsInIt() {
        assertThat(requeued(new ResourceKey(Kinds.NETWORK_POLICY, "shop", "default-deny")))
                .contains(SHOP, API, DB, BILLING, BATCH, REPORTER, API_POD)
                .hasSize(7 + 1000)
                .doesNotContain(WEB, OTHER_BILLING);
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

    @Test
    void aWorkloadChangeRequeuesOnlyTheOtherUsersOfItsServiceAccountInItsNamespace() {
        seen.markComplete();

        assertThat(requeued(API)).containsExactlyInAnyOrder(BILLING, BATCH);
    }

    @Test
    void movingAWorkloadToAnotherServiceAccountRequeuesTheUsersOfBoth() {
        seen.markComplete();
        requeued(API);
        put(API, "reports");

        assertThat(requeued(API)).containsExactlyInAnyOrder(BILLING, BATCH, REPORTER);
    }

    @Test
    void deletingAWorkloadRequeuesTheUsersOfItsServiceAccountAndForgetsIt() {
        seen.markComplete();
        requeued(API);
        source.objects.remove(API);

        assertThat(requeued(API)).containsExactlyInAnyOrder(BILLING, BATCH);
        assertThat(seen.has(Indexes.SERVICE_ACCOUNT, API)).isFalse();
    }

    @Test
    void whatTheFullEvaluationSawAWorkloadUnderIsItsPastAtItsFirstChange() {
        dependents.evaluated(List.of(outcome(API)), source, seen);
        seen.markComplete();
        put(API, "reports");

        assertThat(requeued(API)).containsExactlyInAnyOrder(BILLING, BATCH, REPORTER);
    }

    @Test
    void anOutcomeOlderThanTheChangeAddsWhatItSawToTheNextChange() {
        seen.markComplete();
        KubeObject before = source.get(API).orElseThrow();
        put(API, "reports");
        requeued(API);
        dependents.evaluated(List.of(new Outcome(new Queued(API, 0), Optional.of(before), null)), source, seen);
        put(API, "storage");

        assertThat(requeued(API)).containsExactlyInAnyOrder(BILLING, BATCH, REPORTER, DB);
    }

    @Test
    void anOutcomeOfAnObjectDeletedSinceRecordsNothing() {
        Outcome stale = outcome(API);
        source.objects.remove(API);

        dependents.evaluated(List.of(stale), source, seen);

        assertThat(seen.entries()).isZero();
    }

    @Test
    void aWorkloadOnTheDefaultServiceAccountRequeuesNoOtherDefaultUser() {
        seen.markComplete();
        for (int i = 0; i < 1000; i++) {
            put(new ResourceKey(Kinds.POD, "shop", "default-" + i), "default");
        }

        assertThat(requeued(new ResourceKey(Kinds.POD, "shop", "default-0"))).isEmpty();
    }

    @Test
    void aControlledPodRequeuesNoSharer() {
        seen.markComplete();

        assertThat(requeued(API_POD)).isEmpty();
    }

    @Test
    void beforeTheFirstFullEvaluationAnUnseenWorkloadRequeuesItsNamespace() {
        assertThat(requeued(API))
                .contains(DB, BILLING, BATCH, REPORTER, API_POD)
                .hasSize(5 + 1000)
                .doesNotContain(OTHER_BILLING, API);
    }

    private List<ResourceKey> requeued(ResourceKey changed) {
        return dependents.of(changed, source, seen);
    }

    private Outcome outcome(ResourceKey key) {
        return new Outcome(new Queued(key, 0), source.get(key), null);
    }

    private void put(ResourceKey key, String serviceAccount) {
        source.put(workload(key, serviceAccount, List.of()));
    }

    private static KubeObject controlledPod(ResourceKey key, String serviceAccount) {
        ObjectNode owner = JSON.createObjectNode()
                .put("apiVersion", "apps/v1")
                .put("kind", "ReplicaSet")
                .put("name", "api-7d9f")
                .put("controller", true);
        return workload(key, serviceAccount, List.of(owner));
    }

    private static KubeObject workload(ResourceKey key, String serviceAccount, List<ObjectNode> owners) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode metadata = body.putObject("metadata").put("name", key.name()).put("namespace", key.namespace());
        metadata.putArray("ownerReferences").addAll(new ArrayList<>(owners));
        ObjectNode spec = body.putObject("spec");
        ObjectNode podSpec = switch (key.kind()) {
            case Kinds.POD -> spec;
            case Kinds.CRON_JOB ->
                spec.putObject("jobTemplate")
                        .putObject("spec")
                        .putObject("template")
                        .putObject("spec");
            default -> spec.putObject("template").putObject("spec");
        };
        podSpec.put("serviceAccountName", serviceAccount);
        String apiVersion =
                Kinds.POD.equals(key.kind()) ? "v1" : Kinds.CRON_JOB.equals(key.kind()) ? "batch/v1" : "apps/v1";
        return new KubeObject(new ResourceRef(apiVersion, key.kind(), key.namespace(), key.name(), null), body, null);
    }
}
