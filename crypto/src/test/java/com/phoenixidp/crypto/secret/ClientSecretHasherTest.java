package com.phoenixidp.crypto.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClientSecretHasherTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private final ClientSecretHasher hasher = new ClientSecretHasher(key(1));

    @Test
    void hashWhenSameSecretThenMatches() {
        String secret = ClientSecretHasher.generateSecret(RANDOM);
        String hash = hasher.hash(secret);

        assertThat(hash).startsWith("{hmac-sha256}").doesNotContain(secret);
        assertThat(hash).matches("\\{hmac-sha256}[A-Za-z0-9_-]{43}");
        assertThat(hasher.matches(secret, hash)).isTrue();
    }

    @Test
    void matchesWhenWrongSecretThenFalse() {
        String hash = hasher.hash(ClientSecretHasher.generateSecret(RANDOM));

        assertThat(hasher.matches(ClientSecretHasher.generateSecret(RANDOM), hash))
                .isFalse();
    }

    @Test
    void matchesWhenDifferentKeyThenFalse() {
        String secret = ClientSecretHasher.generateSecret(RANDOM);
        String hash = hasher.hash(secret);

        assertThat(new ClientSecretHasher(key(2)).matches(secret, hash)).isFalse();
    }

    @Test
    void matchesWhenMalformedThenFalse() {
        String secret = ClientSecretHasher.generateSecret(RANDOM);
        String hash = hasher.hash(secret);

        assertThat(hasher.matches(secret, null)).isFalse();
        assertThat(hasher.matches(null, hash)).isFalse();
        assertThat(hasher.matches(secret, hash.substring(PREFIX_LENGTH))).isFalse();
        assertThat(hasher.matches(secret, "{hmac-sha256}!!!not-base64")).isFalse();
        assertThat(hasher.matches(secret, hash.substring(0, hash.length() - 2))).isFalse();
    }

    private static final int PREFIX_LENGTH = ClientSecretHasher.PREFIX.length();

    @Test
    void generateSecretWhenCalledThenAtLeast43Base64UrlCharsAndUnique() {
        String a = ClientSecretHasher.generateSecret(RANDOM);
        String b = ClientSecretHasher.generateSecret(RANDOM);

        assertThat(a).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void requireStrongWhenShortThenRejectedWithoutEchoingSecret() {
        String weak = "short-secret-value";

        assertThatThrownBy(() -> ClientSecretHasher.requireStrong(weak))
                .isInstanceOf(WeakSecretException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client secret must be at least 32 characters")
                .hasMessageNotContaining(weak);
        ClientSecretHasher.requireStrong("x".repeat(32));
    }

    @Test
    void constructorWhenKeyTooShortThenRejected() {
        assertThatThrownBy(() -> new ClientSecretHasher(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorWhenCallerChangesKeyArrayThenHasherUnaffected() {
        byte[] key = key(3);
        ClientSecretHasher own = new ClientSecretHasher(key);
        String hash = own.hash("s");
        Arrays.fill(key, (byte) 0);

        assertThat(own.matches("s", hash)).isTrue();
    }
}
