package com.phoenixidp.crypto.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

class DelegatingPasswordHasherTest {

    private final BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(10, new SecureRandom());
    private final DelegatingPasswordHasher hasher = new DelegatingPasswordHasher(
            "bcrypt-sha256", Map.of("bcrypt-sha256", bcrypt, "bcrypt", bcrypt, "plain-test", new PrefixOnlyHasher()));

    @Test
    void hashWhenCalledThenUsesDefaultAndMatches() {
        String hash = hasher.hash("secret-password");

        assertThat(hash).startsWith("{bcrypt-sha256}");
        assertThat(hasher.matches("secret-password", hash)).isTrue();
        assertThat(hasher.matches("wrong-password", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void matchesWhenLegacyPlainBcryptThenRoutedToBcryptAndNeedsRehash() {
        String legacy = BCrypt.hashpw("secret-password", BCrypt.gensalt(10));

        assertThat(hasher.matches("secret-password", legacy)).isTrue();
        assertThat(hasher.needsRehash(legacy)).isTrue();
    }

    @Test
    void matchesWhenOtherRegisteredIdThenDispatchesAndNeedsRehash() {
        assertThat(hasher.matches("x", "{plain-test}x")).isTrue();
        assertThat(hasher.matches("y", "{plain-test}x")).isFalse();
        assertThat(hasher.needsRehash("{plain-test}x")).isTrue();
    }

    @Test
    void matchesWhenUnknownIdOrMalformedThenFalse() {
        assertThat(hasher.matches("x", "{argon2id}whatever")).isFalse();
        assertThat(hasher.matches("x", "no-prefix")).isFalse();
        assertThat(hasher.matches("x", "{}")).isFalse();
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.needsRehash("{argon2id}whatever")).isTrue();
        assertThat(hasher.needsRehash(null)).isTrue();
    }

    @Test
    void constructorWhenDefaultIdNotRegisteredThenRejected() {
        assertThatThrownBy(() -> new DelegatingPasswordHasher("argon2id", Map.of("bcrypt", bcrypt)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashWhenDefaultDelegateProducesOtherIdThenFails() {
        DelegatingPasswordHasher misconfigured = new DelegatingPasswordHasher("argon2id", Map.of("argon2id", bcrypt));

        assertThatThrownBy(() -> misconfigured.hash("pw")).isInstanceOf(IllegalStateException.class);
    }

    /** Test double: stores "{plain-test}" + password. */
    private static final class PrefixOnlyHasher implements PasswordHasher {
        @Override
        public String hash(CharSequence rawPassword) {
            return "{plain-test}" + rawPassword;
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedHash) {
            return encodedHash.equals(hash(rawPassword));
        }

        @Override
        public boolean needsRehash(String encodedHash) {
            return false;
        }
    }
}
