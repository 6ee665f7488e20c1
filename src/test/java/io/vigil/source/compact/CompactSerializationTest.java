package io.vigil.source.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import io.vigil.model.Unreadable;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactSerializationTest {
    private final CompactSerialization serialization = CompactSerialization.create(
            new CompactDecoder(PruneRules.standard(), new StringPool(1000), new NodePool(1000)));

    private static String pod(String name) {
        return """
                {"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"%s","namespace":"shop","uid":"u-%s","resourceVersion":"7",
                   "managedFields":[{"manager":"kubectl"}],
                   "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}","team":"a"}},
                 "spec":{"dnsPolicy":"ClusterFirst","containers":[{"name":"api","image":"nginx:1.25",
                   "imagePullPolicy":"IfNotPresent","securityContext":{"privileged":true},
                   "livenessProbe":{"periodSeconds":10,"httpGet":{"host":"10.0.0.1","port":80}}}]},
                 "status":{"phase":"Running","podIP":"10.1.2.3"}}""".formatted(name, name);
    }

    @Test
    void aWatchEventObjectIsDecodedOnceIntoTheCompactTreeWithoutUnreadFields() {
        WatchEvent event =
                serialization.unmarshal("{\"type\":\"ADDED\",\"object\":" + pod("a") + "}", WatchEvent.class);

        assertThat(event.getObject()).isInstanceOf(CompactResource.class);
        CompactResource r = (CompactResource) event.getObject();
        assertThat(r.getMetadata().getName()).isEqualTo("a");
        assertThat(r.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(r.body().toString())
                .isEqualTo(
                        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"namespace\":\"shop\","
                                + "\"uid\":\"u-a\",\"resourceVersion\":\"7\",\"annotations\":{\"team\":\"a\"}},"
                                + "\"spec\":{\"containers\":[{\"name\":\"api\",\"image\":\"nginx:1.25\","
                                + "\"securityContext\":{\"privileged\":true},"
                                + "\"livenessProbe\":{\"httpGet\":{\"host\":\"10.0.0.1\",\"port\":80}}}]},"
                                + "\"status\":{\"phase\":\"Running\"}}");
    }

    private static final String GONE = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"too old resource version: 5 (12)","reason":"Expired","code":410}""";

    @Test
    void anErrorEventCarriesTheStatusFabric8sWatchManagerActsOnWhereverItsTypeComes() {
        // fabric8's AbstractWatchManager re-lists on a Status with code 410 and retries anything else with the
        // same stale resourceVersion: the object must come out as a Status whichever field the server sends first
        for (String json : List.of(
                "{\"type\":\"ERROR\",\"object\":" + GONE + "}", "{\"object\":" + GONE + ",\"type\":\"ERROR\"}")) {
            WatchEvent event = serialization.unmarshal(json, WatchEvent.class);

            assertThat(event.getType()).isEqualTo("ERROR");
            assertThat(event.getObject()).isInstanceOf(Status.class);
            Status status = (Status) event.getObject();
            assertThat(status.getCode()).isEqualTo(410);
            assertThat(status.getReason()).isEqualTo("Expired");
            assertThat(status.getMessage()).isEqualTo("too old resource version: 5 (12)");
        }
    }

    @Test
    void aWatchEventObjectWithoutKindIsARawExtensionAsFabric8ReadsIt() {
        WatchEvent event = serialization.unmarshal(
                "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"x\"}},\"extra\":[1]}", WatchEvent.class);

        assertThat(event.getObject()).isInstanceOf(RawExtension.class);
        assertThat(event.getObject()).isNotInstanceOf(HasMetadata.class);
        assertThat(event.getAdditionalProperties()).containsEntry("extra", List.of(1));
        assertThat(serialization
                        .unmarshal("{\"type\":\"DELETED\",\"object\":null}", WatchEvent.class)
                        .getObject())
                .isNull();
    }

    @Test
    void listItemsAreCompactAndReplicasShareTheirIdenticalSubtrees() {
        GenericKubernetesResourceList list = serialization.unmarshal(
                "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[" + pod("a") + "," + pod("b") + "]}",
                GenericKubernetesResourceList.class);

        assertThat(list.getItems()).hasSize(2).allMatch(i -> i instanceof CompactResource);
        ObjectNode a = ((CompactResource) list.getItems().get(0)).body();
        ObjectNode b = ((CompactResource) list.getItems().get(1)).body();
        assertThat(a.get("spec")).isSameAs(b.get("spec"));
        assertThat(a.get("metadata")).isNotSameAs(b.get("metadata"));
        assertThat(a.at("/metadata/namespace").textValue())
                .isSameAs(b.at("/metadata/namespace").textValue());
    }

    @Test
    void theCachedTreeIsReadOnly() {
        CompactResource r = (CompactResource) serialization.unmarshal(pod("a"), GenericKubernetesResource.class);

        assertThatThrownBy(() -> r.body().put("kind", "Other")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((ObjectNode) r.body().get("metadata")).remove("name"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static final String BAD_POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad","namespace":"shop","uid":"u","resourceVersion":"3"},
             "spec":{"hostNetwork":"yes","containers":[{"name":"api","image":"nginx:1.25",
               "securityContext":{"runAsUser":"root","privileged":true,"procMount":"Partial"}}]}}""";

    @Test
    void aFieldOfTheWrongTypeIsMarkedWhereItWasAndEverythingReadableIsKept() {
        CompactResource r = (CompactResource) serialization.unmarshal(BAD_POD, GenericKubernetesResource.class);

        assertThat(Unreadable.in(r.body())).isTrue();
        assertThat(Unreadable.find(r.body(), ""))
                .extracting(u -> u.dotted() + ": " + u.field().problem())
                .containsExactly(
                        "spec.hostNetwork: expected boolean, got string \"yes\"",
                        "spec.containers[0].securityContext.runAsUser: expected integer, got string \"root\"",
                        "spec.containers[0].securityContext.procMount: expected one of Default, Unmasked, got string"
                                + " \"Partial\"");
        assertThat(r.body().at("/spec/containers/0/securityContext/privileged").booleanValue())
                .isTrue();
        assertThat(r.body().at("/spec/containers/0/image").textValue()).isEqualTo("nginx:1.25");
        assertThat(r.getMetadata().getName()).isEqualTo("bad");
    }

    @Test
    void aMarkedFieldSerialisesAsTheValueRead() throws Exception {
        CompactResource r = (CompactResource) serialization.unmarshal(BAD_POD, GenericKubernetesResource.class);

        assertThat(r.body().toString())
                .isEqualTo(new ObjectMapper().readTree(BAD_POD).toString());
    }

    @Test
    void aListItemWithoutKindKeepsItsFlagWhenTheInformerAddsTheIdentity() {
        CompactResource r = (CompactResource) serialization.unmarshal(
                BAD_POD.replace("\"apiVersion\":\"v1\",\"kind\":\"Pod\",", ""), GenericKubernetesResource.class);

        ObjectNode body = serialization.decoder().finish(r.body(), "v1", "Pod", false);

        assertThat(body.get("kind").textValue()).isEqualTo("Pod");
        assertThat(Unreadable.in(body)).isTrue();
    }
}
