package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.source.WatchedKind;
import io.vigil.source.WatchedKinds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart's RBAC grants exactly what Vigil's informers read, and nothing that writes. */
class ChartRbacTest {
    /** The chart's switches ({@code rbac.optionalKinds.*}) and the API groups each one grants. */
    static final Map<String, Set<String>> SWITCHES = Map.of(
            "dapr", Set.of("dapr.io"),
            "trivy", Set.of("aquasecurity.github.io"),
            "sigstore", Set.of("policy.sigstore.dev"),
            "kyverno", Set.of("kyverno.io"),
            "cilium", Set.of("cilium.io"),
            "calico", Set.of("projectcalico.org", "crd.projectcalico.org"));

    /**
     * Cilium and Calico kinds the network-policy checks of issue 12 add to {@link WatchedKinds}. The chart
     * grants them now; each family counts here only while WatchedKinds has none of its groups, so once the
     * checks land the code alone decides (and a group the code does not watch fails this test).
     */
    private static final List<WatchedKind> ANNOUNCED = List.of(
            custom("cilium.io", "ciliumnetworkpolicies", true),
            custom("cilium.io", "ciliumclusterwidenetworkpolicies", false),
            custom("projectcalico.org", "networkpolicies", true),
            custom("projectcalico.org", "globalnetworkpolicies", false),
            custom("crd.projectcalico.org", "networkpolicies", true),
            custom("crd.projectcalico.org", "globalnetworkpolicies", false));

    static List<WatchedKind> watched() {
        List<WatchedKind> out = new ArrayList<>(WatchedKinds.ALL);
        for (Set<String> family : List.of(SWITCHES.get("cilium"), SWITCHES.get("calico"))) {
            boolean inCode = WatchedKinds.ALL.stream().anyMatch(k -> family.contains(k.group()));
            if (!inCode) {
                ANNOUNCED.stream().filter(k -> family.contains(k.group())).forEach(out::add);
            }
        }
        return out;
    }

    private static WatchedKind custom(String group, String plural, boolean namespaced) {
        return new WatchedKind(group, "", "", plural, namespaced, true);
    }

    static Map<String, Set<String>> resourcesByGroup(List<WatchedKind> kinds) {
        return kinds.stream()
                .collect(Collectors.groupingBy(
                        WatchedKind::group,
                        TreeMap::new,
                        Collectors.mapping(WatchedKind::plural, Collectors.toCollection(TreeSet::new))));
    }

    /** The ClusterRole's rules as group -> resources, asserting each rule is read-only and names things. */
    static Map<String, Set<String>> granted(Rendering r) {
        JsonNode role = r.get("ClusterRole", "", "vigil-read");
        Map<String, Set<String>> out = new TreeMap<>();
        for (JsonNode rule : role.path("rules")) {
            assertThat(texts(rule.path("verbs"))).as("verbs of %s", rule).containsExactly("get", "list", "watch");
            assertThat(rule.has("resourceNames") || rule.has("nonResourceURLs"))
                    .as("%s", rule)
                    .isFalse();
            for (String group : texts(rule.path("apiGroups"))) {
                out.computeIfAbsent(group, g -> new TreeSet<>()).addAll(texts(rule.path("resources")));
            }
        }
        return out;
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    @Test
    void theClusterRoleGrantsExactlyTheWatchedKindsReadOnly() {
        Map<String, Set<String>> granted = granted(Chart.render());

        assertThat(granted).isEqualTo(resourcesByGroup(watched()));
        assertThat(granted.values().stream().flatMap(Set::stream)).doesNotContain("secrets", "*");
        assertThat(granted.keySet()).doesNotContain("*");
    }

    @Test
    void theSwitchesCoverTheOptionalKindsOnlyAndAreOnByDefault() throws IOException {
        Set<String> switchGroups =
                SWITCHES.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Set<String> optionalGroups = watched().stream()
                .filter(WatchedKind::optional)
                .map(WatchedKind::group)
                .collect(Collectors.toSet());
        Set<String> builtInGroups = WatchedKinds.ALL.stream()
                .filter(k -> !k.optional())
                .map(WatchedKind::group)
                .collect(Collectors.toSet());
        JsonNode defaults = Rendering.YAML
                .readTree(Chart.DIR.resolve("values.yaml").toFile())
                .path("rbac")
                .path("optionalKinds");

        assertThat(switchGroups).isEqualTo(optionalGroups).doesNotContainAnyElementsOf(builtInGroups);
        assertThat(iterable(defaults.fieldNames())).containsExactlyInAnyOrderElementsOf(SWITCHES.keySet());
        defaults.forEach(v -> assertThat(v.isBoolean() && v.asBoolean()).isTrue());
    }

    static List<String> switches() {
        return SWITCHES.keySet().stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("switches")
    void turningAGroupOffRemovesExactlyItsKinds(String name) {
        Map<String, Set<String>> granted = granted(Chart.render(Map.of("rbac.optionalKinds." + name, false)));

        List<WatchedKind> rest = watched().stream()
                .filter(k -> !SWITCHES.get(name).contains(k.group()))
                .toList();
        assertThat(granted).isEqualTo(resourcesByGroup(rest));
    }

    @Test
    void theRoleGrantsTheLeaseAndVigilsOwnConfigMapsInItsNamespaceOnly() {
        Rendering r = Chart.render();
        JsonNode rules = r.get("Role", "vigil", "vigil").path("rules");

        assertThat(rules).hasSize(2);
        assertThat(texts(rules.get(0).path("apiGroups"))).containsExactly("coordination.k8s.io");
        assertThat(texts(rules.get(0).path("resources"))).containsExactly("leases");
        assertThat(texts(rules.get(0).path("verbs"))).containsExactly("get", "create", "update", "patch");
        assertThat(texts(rules.get(1).path("apiGroups"))).containsExactly("");
        assertThat(texts(rules.get(1).path("resources"))).containsExactly("configmaps");
        assertThat(texts(rules.get(1).path("resourceNames"))).containsExactly("vigil-baseline", "vigil-exceptions");
        assertThat(texts(rules.get(1).path("verbs"))).containsExactly("get", "list", "watch");
        assertThat(r.ofKind("Role")).hasSize(1);
    }

    @Test
    void everyBindingNamesVigilsServiceAccountAndItsOwnRole() {
        Rendering r = Chart.render();
        JsonNode cluster = r.get("ClusterRoleBinding", "", "vigil-read");
        JsonNode local = r.get("RoleBinding", "vigil", "vigil");

        assertThat(cluster.path("roleRef").path("kind").asText()).isEqualTo("ClusterRole");
        assertThat(cluster.path("roleRef").path("name").asText()).isEqualTo("vigil-read");
        assertThat(local.path("roleRef").path("kind").asText()).isEqualTo("Role");
        assertThat(local.path("roleRef").path("name").asText()).isEqualTo("vigil");
        for (JsonNode binding : List.of(cluster, local)) {
            assertThat(binding.path("subjects").toString())
                    .isEqualTo("[{\"kind\":\"ServiceAccount\",\"name\":\"vigil\",\"namespace\":\"vigil\"}]");
        }
        assertThat(r.ofKind("ClusterRoleBinding")).hasSize(1);
        assertThat(r.ofKind("RoleBinding")).hasSize(1);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
