package io.vigil.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldChangeTest {
    @Test
    void fieldsAreComparedByNameAndValue() {
        assertThat(FieldChange.between(Map.of("a", "1", "b", "2", "c", "3"), Map.of("a", "1", "b", "9", "d", "4")))
                .containsExactly(
                        new FieldChange("b", "2", "9"),
                        new FieldChange("c", "3", null),
                        new FieldChange("d", null, "4"));
    }

    @Test
    void describeIsReadable() {
        assertThat(new FieldChange("f", "Fail", "Ignore").describe()).isEqualTo("f: Fail -> Ignore");
        assertThat(new FieldChange("l", null, "x").describe()).isEqualTo("l added: x");
        assertThat(new FieldChange("l", "x", null).describe()).isEqualTo("l removed (was x)");
        assertThat(new FieldChange("s", "[\"a\",\"b\"]", "[\"b\",\"c\"]").describe())
                .isEqualTo("s: +\"c\", -\"a\"");
        assertThat(new FieldChange("s", "[\"a\",\"b\"]", "[\"b\",\"a\"]").describe())
                .isEqualTo("s: reordered [\"a\",\"b\"] -> [\"b\",\"a\"]");
        String h1 = "sha256:" + "a".repeat(64);
        String h2 = "sha256:" + "b".repeat(64);
        assertThat(new FieldChange("rules", h1, h2).describe())
                .isEqualTo("rules: sha256:aaaaaaaaaaaa… -> sha256:bbbbbbbbbbbb…");
        assertThat(new FieldChange("rules", h1, "[]").describe()).isEqualTo("rules: sha256:aaaaaaaaaaaa… -> []");
    }

    @Test
    void driftNamesItsFields() {
        Drift d = new Drift(
                Drift.Type.CHANGED,
                new io.vigil.model.ResourceRef("v1", "Namespace", null, "shop", null),
                List.of(
                        new FieldChange("metadata.labels[a]", "x", "y"),
                        new FieldChange("metadata.labels[b]", null, "z")));
        assertThat(d.fields()).containsExactly("metadata.labels[a]", "metadata.labels[b]");
        assertThat(d.violation().observed()).isEqualTo("metadata.labels[a]=y; metadata.labels[b]=z");
        assertThat(d.violation().expected()).isEqualTo("metadata.labels[a]=x; metadata.labels[b]=(absent)");
        assertThat(d.violation().message())
                .isEqualTo("Namespace shop differs from the baseline:"
                        + " metadata.labels[a]: x -> y; metadata.labels[b] added: z");
    }
}
