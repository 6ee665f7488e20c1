package io.vigil.check.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefTest {
    private static final String DIGEST = "sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";

    @Test
    void dockerHubNamesAreNormalised() {
        ImageRef nginx = ImageRef.parse("nginx").orElseThrow();
        assertThat(nginx.name()).isEqualTo("docker.io/library/nginx");
        assertThat(nginx.tag()).isNull();
        assertThat(nginx.effectiveTag()).isEqualTo("latest");
        assertThat(ImageRef.parse("bitnami/redis:7").orElseThrow().name()).isEqualTo("docker.io/bitnami/redis");
        assertThat(ImageRef.parse("index.docker.io/library/alpine:3")
                        .orElseThrow()
                        .name())
                .isEqualTo("docker.io/library/alpine");
    }

    @Test
    void registryPortIsNotATag() {
        ImageRef ref = ImageRef.parse("registry.local:5000/tools/backup").orElseThrow();
        assertThat(ref.registry()).isEqualTo("registry.local:5000");
        assertThat(ref.repository()).isEqualTo("tools/backup");
        assertThat(ref.tag()).isNull();
        ImageRef tagged = ImageRef.parse("localhost:5000/app:1.2").orElseThrow();
        assertThat(tagged.registry()).isEqualTo("localhost:5000");
        assertThat(tagged.tag()).isEqualTo("1.2");
    }

    @Test
    void digestPinning() {
        ImageRef both = ImageRef.parse("ghcr.io/acme/api:1.4@" + DIGEST).orElseThrow();
        assertThat(both.tag()).isEqualTo("1.4");
        assertThat(both.digest()).isEqualTo(DIGEST);
        assertThat(both.isDigestPinned()).isTrue();
        assertThat(ImageRef.parse("nginx@" + DIGEST).orElseThrow().effectiveTag())
                .isNull();
        assertThat(ImageRef.parse("nginx@sha256:abc").orElseThrow().isDigestPinned())
                .isFalse();
        assertThat(ImageRef.parse("nginx:1.25").orElseThrow().isDigestPinned()).isFalse();
    }

    @Test
    void oddInputsNeverThrow() {
        assertThat(ImageRef.parse(null)).isEmpty();
        assertThat(ImageRef.parse("  ")).isEmpty();
        for (String odd : new String[] {":", "@", "/", "a:", "a@", ":tag", "host.io/", "@@x", "a/b/c:d@e:f"}) {
            assertThat(ImageRef.parse(odd)).isPresent();
        }
    }
}
