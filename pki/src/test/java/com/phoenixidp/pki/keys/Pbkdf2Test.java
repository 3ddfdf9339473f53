package com.phoenixidp.pki.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pbkdf2Test {

    @AfterEach
    void removeNative() {
        Security.removeProvider(Providers.NATIVE);
    }

    @Test
    void hmacSha256WhenRfc7914VectorsThenTheirKeys() throws Exception {
        // RFC 7914 section 11, the two PBKDF2-HMAC-SHA256 test vectors (dkLen 64: two blocks)
        assertThat(HexFormat.of().formatHex(Pbkdf2.hmacSha256(ascii("passwd"), ascii("salt"), 1, 64)))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                        + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        assertThat(HexFormat.of().formatHex(Pbkdf2.hmacSha256(ascii("Password"), ascii("NaCl"), 80000, 64)))
                .isEqualTo("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                        + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
    }

    @Test
    void hmacSha256WhenJdkHmacThenSameAsJdkPbkdf2() throws Exception {
        Security.removeProvider(Providers.NATIVE);
        assertThat(Mac.getInstance("HmacSHA256").getProvider().getName()).isNotEqualTo(Providers.NATIVE);
        compareWithJdk(new Random(20261207L), 200);
    }

    @Test
    void hmacSha256WhenNativeHmacThenSameAsJdkPbkdf2() throws Exception {
        AmazonCorrettoCryptoProvider.install();
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        assertThat(Mac.getInstance("HmacSHA256").getProvider().getName()).isEqualTo(Providers.NATIVE);
        compareWithJdk(new Random(20261208L), 200);
    }

    @Test
    void hmacSha256WhenEmptyPasswordOrNoIterationsThenRefused() {
        assertThatThrownBy(() -> Pbkdf2.hmacSha256(new byte[0], ascii("salt"), 1, 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pbkdf2.hmacSha256(ascii("p"), ascii("salt"), 0, 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pbkdf2.hmacSha256(ascii("p"), ascii("salt"), 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Passwords of 1 to 100 characters (longer than HMAC-SHA256's 64-byte block too, which HMAC
     * hashes first), ASCII and not, salts of 1 to 40 bytes, 1 to 40 iterations and 1 to 100 bytes
     * (partial and several blocks), against the JDK's {@code PBKDF2WithHmacSHA256} (SunJCE).
     */
    private static void compareWithJdk(Random random, int cases) throws Exception {
        SecretKeyFactory jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256", "SunJCE");
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#äöü✓鍵";
        for (int i = 0; i < cases; i++) {
            char[] password = new char[1 + random.nextInt(100)];
            for (int j = 0; j < password.length; j++) {
                password[j] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            byte[] salt = new byte[1 + random.nextInt(40)];
            random.nextBytes(salt);
            int iterations = 1 + random.nextInt(40);
            int length = 1 + random.nextInt(100);

            byte[] expected = jdk.generateSecret(new PBEKeySpec(password, salt, iterations, length * 8))
                    .getEncoded();
            byte[] actual =
                    Pbkdf2.hmacSha256(new String(password).getBytes(StandardCharsets.UTF_8), salt, iterations, length);

            assertThat(actual)
                    .as(
                            "password of %d chars, %d-byte salt, c=%d, dkLen=%d",
                            password.length, salt.length, iterations, length)
                    .isEqualTo(expected);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
