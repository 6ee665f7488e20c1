package io.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.check.AuditSettings;
import io.vigil.check.Evaluator;
import io.vigil.model.KubeObject;
import io.vigil.scan.ManifestClusterView;
import io.vigil.scan.ManifestReader;
import io.vigil.scan.ScannedObject;
import io.vigil.testing.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Checks never throw on odd input (DESIGN §3): every fixture object is mutated node by node (each node
 * replaced by null, a string, a number, an empty list and an empty map) and every check runs on it.
 */
class OddInputTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<Supplier<JsonNode>> ODD = List.of(
            NODES::nullNode,
            () -> NODES.textNode("odd"),
            () -> NODES.numberNode(7),
            NODES::arrayNode,
            NODES::objectNode);

    @Test
    void noCheckThrowsOnAnyMutationOfAnyFixture() throws IOException {
        Evaluator evaluator = new Evaluator(
                BuiltInChecks.catalog().all(),
                AuditSettings.defaults().withIncludeSystem(true).withAllowedRegistries(List.of("ghcr.io/acme")));
        List<String> failures = new ArrayList<>();
        int evaluations = 0;
        for (Fixture fixture : Fixture.all()) {
            List<ScannedObject> scanned = new ManifestReader("default")
                    .readBytes(fixture.file().toString(), Files.readAllBytes(fixture.file()))
                    .result()
                    .objects();
            List<KubeObject> objects =
                    scanned.stream().map(ScannedObject::object).toList();
            for (int i = 0; i < objects.size(); i++) {
                KubeObject original = objects.get(i);
                for (String pointer : pointers(original.body(), "")) {
                    for (Supplier<JsonNode> odd : ODD) {
                        KubeObject mutated = new KubeObject(
                                original.ref(),
                                replace(original.body().deepCopy(), pointer, odd.get()),
                                original.source());
                        List<KubeObject> view = new ArrayList<>(objects);
                        view.set(i, mutated);
                        Evaluator.Result result =
                                evaluator.evaluate(mutated, new ManifestClusterView(view, evaluator.settings()));
                        evaluations++;
                        result.failures()
                                .forEach(f -> failures.add(f.checkId() + " threw " + f.error() + " on " + fixture
                                        + " with " + pointer + " := " + odd.get()));
                    }
                }
            }
        }
        assertThat(evaluations).isPositive();
        assertThat(failures).isEmpty();
    }

    private static List<String> pointers(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                if (!prefix.isEmpty() || !List.of("apiVersion", "kind").contains(f)) {
                    out.add(prefix + "/" + f);
                    out.addAll(pointers(node.get(f), prefix + "/" + f));
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(prefix + "/" + i);
                out.addAll(pointers(node.get(i), prefix + "/" + i));
            }
        }
        return out;
    }

    private static JsonNode replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
        return root;
    }
}
