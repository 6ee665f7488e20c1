package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaskingTest {
    /** RFC 4231 §4.2, test case 1: key = 20 bytes 0x0b, data "Hi There". */
    private static final byte[] RFC4231_KEY = new byte[20];

    static {
        Arrays.fill(RFC4231_KEY, (byte) 0x0b);
    }

    @Test
    void aKeyedMaskIsTheLengthAndTheFirst8HexOfHmacSha256() {
        // HMAC-SHA256 = b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7
        assertThat(Masking.keyed(RFC4231_KEY).mask("Hi There")).isEqualTo("<masked len=8 hmac=b0344c61>");
    }

    @Test
    void equalValuesCorrelateWithinAKeyAndNotAcrossKeys() {
        Masking one = Masking.keyed("installation-one-key".getBytes(StandardCharsets.UTF_8));
        Masking two = Masking.keyed("installation-two-key".getBytes(StandardCharsets.UTF_8));
        assertThat(one.mask("hunter2-Pa55")).isEqualTo(one.mask("hunter2-Pa55"));
        assertThat(one.mask("hunter2-Pa55")).isNotEqualTo(one.mask("hunter2-Pa56"));
        assertThat(one.mask("hunter2-Pa55")).isNotEqualTo(two.mask("hunter2-Pa55"));
        assertThat(one.mask("hunter2-Pa55"))
                .as("no unsalted hash a guess could be checked against")
                .doesNotContain(Masking.sha256Hex("hunter2-Pa55").substring(0, 8));
    }

    @Test
    void withoutAKeyOnlyTheLengthIsShown() {
        assertThat(Masking.unkeyed().mask("hunter2-Pa55")).isEqualTo("<masked len=12>");
        assertThat(Masking.unkeyed().mask(null)).isEqualTo("<masked len=0>");
        assertThat(Masking.lengthOnly("abc")).isEqualTo("<masked len=3>");
        assertThat(Masking.unkeyed().isKeyed()).isFalse();
    }

    @Test
    void theKeyIsCopiedLongEnoughAndNeverPrinted() {
        byte[] key = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Masking m = Masking.keyed(key);
        String before = m.mask("x");
        key[0] = 'X';
        assertThat(m.mask("x")).as("a later change to the caller's array").isEqualTo(before);
        assertThat(m.toString()).isEqualTo("Masking[keyed]");
        assertThat(m).isEqualTo(Masking.keyed("0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> Masking.keyed(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a mask key needs at least 16 bytes");
    }
}
