package io.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON manifests are read with a JSON parser (tabs are legal JSON); every input error keeps its reason and line. */
class JsonInputTest {
    private static ScanInput read(String name, String text) {
        return new ManifestReader("default")
                .readBytes(name, text.getBytes(StandardCharsets.UTF_8))
                .result();
    }

    private static List<String> objects(ScanInput in) {
        return in.objects().stream()
                .map(o -> o.object().ref().display() + "@" + o.object().source().line())
                .toList();
    }

    private static List<String> errors(ScanInput in) {
        return in.errors().stream()
                .map(e -> e.file() + ":" + e.line() + ": " + e.reason())
                .toList();
    }

    @Test
    void tabIndentedJsonFileIsRead() {
        ScanInput in = read(
                "sa.json",
                "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"ServiceAccount\",\n\t\"metadata\": {\n"
                        + "\t\t\"name\": \"api\",\n\t\t\"namespace\": \"shop\"\n\t}\n}\n");
        assertThat(errors(in)).isEmpty();
        assertThat(objects(in)).containsExactly("ServiceAccount shop/api@1");
    }

    @Test
    void aDocumentStartingWithABracketIsJsonWhateverTheFileName() {
        ScanInput in = read(
                "-",
                "[\n\t{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", \"metadata\": {\"name\": \"a\"}},\n"
                        + "\t{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"b\"}}\n]\n");
        assertThat(errors(in)).isEmpty();
        assertThat(objects(in)).containsExactly("ServiceAccount default/a@2", "ConfigMap default/b@3");
    }

    @Test
    void concatenatedJsonObjectsAreEachRead() {
        ScanInput in = read(
                "two.json",
                "{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", \"metadata\": {\"name\": \"a\"}}\n"
                        + "{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", \"metadata\": {\"name\": \"b\"}}\n");
        assertThat(objects(in)).containsExactly("ServiceAccount default/a@1", "ServiceAccount default/b@2");
    }

    @Test
    void brokenJsonNamesTheLineAndTheParsersReason() {
        ScanInput in = read("bad.json", "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\"\n\t\"metadata\": {}\n}\n");
        assertThat(errors(in))
                .containsExactly("bad.json:4: invalid JSON: Unexpected character ('\"' (code 34)): was expecting"
                        + " comma to separate Object entries");
    }

    @Test
    void aFlowMappingYamlDocumentStillReadsAsYaml() {
        ScanInput in = read("flow.yaml", "{apiVersion: v1, kind: ServiceAccount, metadata: {name: a}}\n");
        assertThat(errors(in)).isEmpty();
        assertThat(objects(in)).containsExactly("ServiceAccount default/a@1");
    }

    @Test
    void tabIndentedYamlKeepsTheParsersReason() {
        ScanInput in = read("tabs.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n\tname: a\n");
        assertThat(errors(in)).hasSize(1);
        assertThat(errors(in).get(0))
                .startsWith("tabs.yaml:4: invalid YAML: ")
                .contains("found character '\\t(TAB)' that cannot start any token");
    }
}
