package com.phoenixidp.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptorTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PLAINTEXT = "private key bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "kid-1|RS256".getBytes(StandardCharsets.UTF_8);

    private final KeyEncryptor encryptor = new KeyEncryptor(MasterKey.fromBase64(MasterKeyTest.KEY_B64), RANDOM);

    @Test
    void decryptWhenRoundTripThenOriginalPlaintext() {
        byte[] blob = encryptor.encrypt(PLAINTEXT, AAD);

        assertThat(blob[0]).isEqualTo((byte) 1);
        assertThat(blob).hasSize(1 + 12 + PLAINTEXT.length + 16);
        assertThat(encryptor.decrypt(blob, AAD)).isEqualTo(PLAINTEXT);
    }

    @Test
    void encryptWhenCalledTwiceThenFreshNonce() {
        assertThat(encryptor.encrypt(PLAINTEXT, AAD)).isNotEqualTo(encryptor.encrypt(PLAINTEXT, AAD));
    }

    @Test
    void decryptWhenCiphertextByteTamperedThenKeyDecryptionException() {
        byte[] blob = encryptor.encrypt(PLAINTEXT, AAD);
        blob[20] ^= 0x01;

        assertThatThrownBy(() -> encryptor.decrypt(blob, AAD))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessage(KeyDecryptionException.MESSAGE);
    }

    @Test
    void decryptWhenWrongMasterKeyThenKeyDecryptionException() {
        byte[] blob = encryptor.encrypt(PLAINTEXT, AAD);
        KeyEncryptor other =
                new KeyEncryptor(MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])), RANDOM);

        assertThatThrownBy(() -> other.decrypt(blob, AAD))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("PHOENIX_MASTER_KEY");
    }

    @Test
    void decryptWhenWrongAadThenKeyDecryptionException() {
        byte[] blob = encryptor.encrypt(PLAINTEXT, AAD);

        assertThatThrownBy(() -> encryptor.decrypt(blob, "kid-2|RS256".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KeyDecryptionException.class);
    }

    @Test
    void decryptWhenTruncatedOrUnknownVersionThenKeyDecryptionException() {
        byte[] blob = encryptor.encrypt(PLAINTEXT, AAD);
        byte[] otherVersion = blob.clone();
        otherVersion[0] = 2;

        assertThatThrownBy(() -> encryptor.decrypt(Arrays.copyOf(blob, 20), AAD))
                .isInstanceOf(KeyDecryptionException.class);
        assertThatThrownBy(() -> encryptor.decrypt(new byte[0], AAD)).isInstanceOf(KeyDecryptionException.class);
        assertThatThrownBy(() -> encryptor.decrypt(otherVersion, AAD)).isInstanceOf(KeyDecryptionException.class);
    }
}
