package com.phoenixidp.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    static final String KEY_B64 = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
    });

    @Test
    void fromBase64WhenNotBase64ThenMessageDoesNotEchoInput() {
        String input = "this-is-not-base64-$$$-secretish";

        assertThatThrownBy(() -> MasterKey.fromBase64(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64")
                .hasMessageNotContaining(input)
                .hasMessageNotContaining("secretish");
    }

    @Test
    void fromBase64WhenWrongLengthThenMessageDoesNotEchoInput() {
        String sixteenBytes = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());

        assertThatThrownBy(() -> MasterKey.fromBase64(sixteenBytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(sixteenBytes);
        assertThatThrownBy(() -> MasterKey.fromBase64(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MasterKey.fromBase64(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringWhenCalledThenDoesNotContainKey() {
        MasterKey key = MasterKey.fromBase64(KEY_B64 + "\n");

        assertThat(key.toString()).isEqualTo("MasterKey[***]").doesNotContain(KEY_B64);
    }

    @Test
    void deriveKeyWhenDifferentPurposeThenDifferentKeysAndStable() {
        MasterKey key = MasterKey.fromBase64(KEY_B64);

        assertThat(key.deriveKey(MasterKey.CLIENT_SECRET_PURPOSE))
                .hasSize(32)
                .isEqualTo(MasterKey.fromBase64(KEY_B64).deriveKey("phoenix/client-secret/v1"))
                .isNotEqualTo(key.deriveKey("phoenix/other/v1"));
    }
}
