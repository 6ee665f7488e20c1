package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.checks.BuiltInChecks;
import io.vigil.model.Masking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskKeyFileTest {
    private static final String KEY = "6b1e0c3d9a7f4e2b8c5d1a0f3e7b9c2d";

    @TempDir
    Path dir;

    @Test
    void aKeyFileIsReadWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("mask-key"), KEY + "\n");
        assertThat(MaskKeyFile.read(file)).isEqualTo(Masking.keyed(KEY.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void badKeyFilesNameTheFileAndNeverTheContent() throws Exception {
        Path shortKey = Files.writeString(dir.resolve("short"), "tooshort-secret\n");
        assertThatThrownBy(() -> MaskKeyFile.read(shortKey))
                .isInstanceOf(MaskKeyFile.Invalid.class)
                .hasMessage(shortKey + " holds 15 bytes; a mask key needs at least 16 (e.g. openssl rand -hex 32 >"
                        + " short)")
                .message()
                .doesNotContain("tooshort-secret");
        assertThatThrownBy(() -> MaskKeyFile.read(dir.resolve("absent")))
                .hasMessage("no such file: " + dir.resolve("absent"));
    }

    @Test
    void watchGeneratesAPrivateKeyOnceAndKeepsIt() throws Exception {
        Path data = dir.resolve("data");
        MaskKeyFile.Loaded first = MaskKeyFile.readOrCreate(data);
        assertThat(first.generated()).isTrue();
        assertThat(first.file()).isEqualTo(data.resolve("mask.key"));
        assertThat(Files.readString(first.file())).matches("[0-9a-f]{64}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())))
                .isEqualTo("rw-------");
        MaskKeyFile.Loaded again = MaskKeyFile.readOrCreate(data);
        assertThat(again.generated()).isFalse();
        assertThat(again.masking()).isEqualTo(first.masking());
        assertThat(again.masking().mask("s3cret-value"))
                .isEqualTo(first.masking().mask("s3cret-value"));
        assertThat(MaskKeyFile.readOrCreate(dir.resolve("other-volume")).masking())
                .as("a new volume, a new key")
                .isNotEqualTo(first.masking());
    }

    @Test
    void theSettingIsValidatedWithTheOtherSettings() throws Exception {
        ConfigLoader loader = new ConfigLoader(BuiltInChecks.catalog().ids());
        Map<String, String> env = Map.of(
                "VIGIL_API_AUTH",
                "none",
                "VIGIL_SECRETS_MASK_KEY_FILE",
                dir.resolve("absent").toString());
        assertThatThrownBy(() -> loader.load(Optional.empty(), env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("VIGIL_SECRETS_MASK_KEY_FILE")
                .hasMessageContaining("no such file: " + dir.resolve("absent"));

        Path file = Files.writeString(dir.resolve("mask-key"), KEY);
        VigilConfig c = loader.load(
                Optional.empty(), Map.of("VIGIL_API_AUTH", "none", "VIGIL_SECRETS_MASK_KEY_FILE", file.toString()));
        assertThat(c.secrets().maskKeyFile()).contains(file);
        assertThat(c.auditSettings().masking()).isEqualTo(Masking.keyed(KEY.getBytes(StandardCharsets.US_ASCII)));
        assertThat(c.toString()).doesNotContain(KEY);
        assertThat(loader.load(Optional.empty(), Map.of("VIGIL_API_AUTH", "none"))
                        .auditSettings()
                        .masking())
                .isEqualTo(Masking.unkeyed());
    }
}
