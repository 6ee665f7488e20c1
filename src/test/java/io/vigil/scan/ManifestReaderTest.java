package io.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.KubeObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    @TempDir
    Path dir;

    private ScanInput read(String name, String text) {
        return new ManifestReader("default")
                .readBytes(name, text.getBytes(StandardCharsets.UTF_8))
                .result();
    }

    private static List<String> names(ScanInput in) {
        return in.objects().stream()
                .map(o -> o.object().ref().display() + "@" + o.object().source().line())
                .toList();
    }

    @Test
    void multiDocumentYamlKeepsEachObjectsLineAndSkipsEmptyDocuments() {
        ScanInput in = read("app.yaml", """
                # leading comment
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                ---
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: api
                  namespace: shop
                """);
        assertThat(in.errors()).isEmpty();
        assertThat(names(in)).containsExactly("Namespace shop@3", "ServiceAccount shop/api@9");
    }

    @Test
    void aBrokenDocumentIsReportedWithItsLineAndTheOthersAreStillRead() {
        ScanInput in = read("broken.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: a, namespace: shop}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: [unclosed
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: c, namespace: shop}
                """);
        assertThat(names(in)).containsExactly("ServiceAccount shop/a@1", "ServiceAccount shop/c@10");
        assertThat(in.errors()).hasSize(1);
        InputError e = in.errors().get(0);
        assertThat(e.file()).isEqualTo("broken.yaml");
        assertThat(e.line()).isBetween(8, 9);
        assertThat(e.reason()).startsWith("invalid YAML");
    }

    @Test
    void missingFieldsAndUnknownKindsAreNamed() {
        ScanInput in = read("bad.yaml", """
                kind: Pod
                metadata: {name: x}
                ---
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: y}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {labels: {a: b}}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: custom, namespace: shop}
                """);
        assertThat(in.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "bad.yaml:1: missing field \"apiVersion\": not a Kubernetes object",
                        "bad.yaml:4: unknown kind \"Deploymnet\" for apiVersion apps/v1",
                        "bad.yaml:10: Pod has no metadata.name");
        assertThat(names(in)).containsExactly("Widget shop/custom@12");
    }

    @Test
    void listKindsYieldTheirItemsAtTheirOwnLines() {
        ScanInput in = read("list.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a"}},
                  {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "b", "namespace": "x"}}
                ]}
                """);
        assertThat(in.errors()).isEmpty();
        assertThat(names(in)).containsExactly("ServiceAccount default/a@2", "ServiceAccount x/b@3");
    }

    @Test
    void apiServerDefaultingIsAppliedToNetworkPoliciesAndNamespaces() {
        ScanInput in = read("np.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: shop}
                spec:
                  podSelector: {}
                  egress: [{}]
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                """);
        KubeObject policy = in.objects().get(0).object();
        KubeObject ns = in.objects().get(1).object();
        assertThat(policy.at("spec", "policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(ns.label("kubernetes.io/metadata.name")).isEqualTo("shop");
        assertThat(ns.namespace()).isNull();
    }

    @Test
    void binaryFilesAndMissingPathsAreErrorsAndOtherFilesAreStillRead() throws IOException {
        Files.write(dir.resolve("image.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        Files.writeString(dir.resolve("ok.yml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ok}\n");
        Files.writeString(dir.resolve("notes.txt"), "not a manifest, not read");
        ManifestReader reader = new ManifestReader("shop");
        reader.readPath(dir.toString(), InputStream.nullInputStream());
        reader.readPath(dir.resolve("missing.yaml").toString(), InputStream.nullInputStream());
        ScanInput in = reader.result();
        assertThat(names(in)).containsExactly("ServiceAccount shop/ok@1");
        assertThat(in.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        dir.resolve("image.yaml") + ": binary or non-UTF-8 file, not a manifest",
                        dir.resolve("missing.yaml") + ": no such file or directory");
        assertThat(in.files()).isEqualTo(2);
    }

    @Test
    void standardInputIsNamedDash() {
        ManifestReader reader = new ManifestReader("default");
        reader.readPath(
                "-",
                new ByteArrayInputStream(
                        "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(reader.result().objects().get(0).object().source().toString())
                .isEqualTo("-:1");
    }

    @Test
    void aScalarDocumentIsNotAnObject() {
        ScanInput in = read("s.yaml", "just a string\n");
        assertThat(in.errors())
                .extracting(InputError::toString)
                .containsExactly("s.yaml:1: not a Kubernetes object: expected a mapping with apiVersion, kind and "
                        + "metadata, found string");
    }
}
