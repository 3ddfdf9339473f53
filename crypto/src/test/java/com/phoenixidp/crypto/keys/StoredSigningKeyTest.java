package com.phoenixidp.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StoredSigningKeyTest {

    private static final byte[] ENCRYPTED = {0x01, 0x7f, 0x42, (byte) 0xab, (byte) 0xcd};

    private static StoredSigningKey key(byte[] encrypted) {
        return new StoredSigningKey(
                "kid-1",
                SigningAlgorithm.ES256,
                KeyStatus.ACTIVE,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                "{\"kty\":\"EC\"}",
                encrypted);
    }

    @Test
    void toStringWhenCalledThenOmitsEncryptedBytes() {
        String text = key(ENCRYPTED).toString();

        assertThat(text)
                .contains("kid-1")
                .contains("ES256")
                .doesNotContain("encryptedPrivateKey")
                .doesNotContain("[B@")
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(ENCRYPTED))
                .doesNotContain(java.util.Arrays.toString(ENCRYPTED));
    }

    @Test
    void encryptedPrivateKeyWhenArraysModifiedThenRecordUnchanged() {
        byte[] input = ENCRYPTED.clone();
        StoredSigningKey key = key(input);
        input[0] = 9;
        key.encryptedPrivateKey()[1] = 9;

        assertThat(key.encryptedPrivateKey()).isEqualTo(ENCRYPTED);
        assertThat(key).isEqualTo(key(ENCRYPTED.clone())).hasSameHashCodeAs(key(ENCRYPTED.clone()));
    }

    @Test
    void aadWhenCalledThenKidPipeAlgorithm() {
        assertThat(new String(key(ENCRYPTED).aad(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("kid-1|ES256");
    }
}
