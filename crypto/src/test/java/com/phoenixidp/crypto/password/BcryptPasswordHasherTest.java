package com.phoenixidp.crypto.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

class BcryptPasswordHasherTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(10, RANDOM);

    @Test
    void hashWhenSamePasswordTwiceThenDifferentHashesThatBothMatch() {
        String first = hasher.hash("correct horse battery staple");
        String second = hasher.hash("correct horse battery staple");

        assertThat(first).isNotEqualTo(second);
        assertThat(first).startsWith("{bcrypt-sha256}$2a$10$");
        assertThat(hasher.matches("correct horse battery staple", first)).isTrue();
        assertThat(hasher.matches("correct horse battery staple", second)).isTrue();
    }

    @Test
    void matchesWhenWrongPasswordThenFalse() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hasher.matches("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void needsRehashWhenConfiguredCostRisesThenTrue() {
        String hash = hasher.hash("pw-1234567");
        BcryptPasswordHasher stronger = new BcryptPasswordHasher(11, RANDOM);

        assertThat(hasher.needsRehash(hash)).isFalse();
        assertThat(stronger.needsRehash(hash)).isTrue();
        assertThat(stronger.matches("pw-1234567", hash)).isTrue();
        assertThat(stronger.cost()).isEqualTo(11);
    }

    @Test
    void matchesWhenPasswordsShareFirst72BytesThenOnlyTheHashedOneMatches() {
        String common = "a".repeat(72);
        String hash = hasher.hash(common + "-first");

        assertThat(hasher.matches(common + "-first", hash)).isTrue();
        assertThat(hasher.matches(common + "-second", hash)).isFalse();
        assertThat(hasher.matches(common, hash)).isFalse();
    }

    @Test
    void hashWhen100BytePasswordWithMultibyteCharactersThenRoundTrips() {
        String password = "ü".repeat(40) + "x".repeat(20); // 100 UTF-8 bytes
        assertThat(password.getBytes(StandardCharsets.UTF_8)).hasSize(100);

        String hash = hasher.hash(password);

        assertThat(hasher.matches(password, hash)).isTrue();
        assertThat(hasher.matches(password.substring(0, 59), hash)).isFalse();
    }

    @Test
    void matchesWhenLegacyPlainBcryptThenMatchesAndNeedsRehash() {
        String legacy = BCrypt.hashpw("imported-password", BCrypt.gensalt(10));

        assertThat(hasher.matches("imported-password", legacy)).isTrue();
        assertThat(hasher.matches("other-password", legacy)).isFalse();
        assertThat(hasher.needsRehash(legacy)).isTrue();
    }

    @Test
    void matchesWhenLegacy2bAnd2yRevisionsThenMatch() {
        String legacy = BCrypt.hashpw("imported-password", BCrypt.gensalt(10));

        assertThat(hasher.matches("imported-password", "$2b" + legacy.substring(3)))
                .isTrue();
        assertThat(hasher.matches("imported-password", "$2y" + legacy.substring(3)))
                .isTrue();
    }

    @Test
    void matchesWhenLegacyHashAndPasswordOver72BytesThenFalseInsteadOfTruncating() {
        String first72 = "b".repeat(72);
        // a legacy system that truncated silently stored the hash of the first 72 bytes
        String legacy = BCrypt.hashpw(first72, BCrypt.gensalt(10));

        assertThat(hasher.matches(first72, legacy)).isTrue();
        assertThat(hasher.matches(first72 + "anything", legacy)).isFalse();
    }

    @Test
    void matchesWhenMalformedHashThenFalse() {
        String valid = hasher.hash("pw-1234567");

        assertThat(hasher.matches("pw-1234567", null)).isFalse();
        assertThat(hasher.matches(null, valid)).isFalse();
        assertThat(hasher.matches("pw-1234567", "")).isFalse();
        assertThat(hasher.matches("pw-1234567", "{bcrypt-sha256}")).isFalse();
        assertThat(hasher.matches("pw-1234567", "{bcrypt-sha256}$2a$10$tooShort"))
                .isFalse();
        assertThat(hasher.matches("pw-1234567", valid.substring(0, valid.length() - 1)))
                .isFalse();
        assertThat(hasher.matches("pw-1234567", "{bcrypt-sha256}$2a$99$" + valid.substring(22)))
                .isFalse();
        assertThat(hasher.matches("pw-1234567", "$2x$10$" + valid.substring(22)))
                .isFalse();
        assertThat(hasher.needsRehash("garbage")).isTrue();
        assertThat(hasher.needsRehash(null)).isTrue();
    }

    @Test
    void matchesWhenStoredHashIsTamperedThenFalse() {
        String valid = hasher.hash("pw-1234567");
        char last = valid.charAt(valid.length() - 1);
        String tampered = valid.substring(0, valid.length() - 1) + (last == 'a' ? 'b' : 'a');

        assertThat(hasher.matches("pw-1234567", tampered)).isFalse();
    }

    @Test
    void constructorWhenCostOutOfRangeThenRejected() {
        assertThatThrownBy(() -> new BcryptPasswordHasher(9, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BcryptPasswordHasher(31, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BcryptPasswordHasher(10, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void calibrateCostWhenTinyTargetThenMinimumCostTen() {
        assertThat(BcryptPasswordHasher.calibrateCost(Duration.ofNanos(1))).isEqualTo(10);
    }

    @Test
    void toStringWhenCalledThenShowsOnlyCost() {
        assertThat(hasher).hasToString("BcryptPasswordHasher[cost=10]");
    }
}
