package com.phoenixidp.authserver.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

/** A successful login re-hashes a password stored with an older scheme (legacy plain bcrypt). */
class PasswordRehashIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void loginWhenStoredHashIsLegacyBcryptThenRehashedToBcryptSha256() {
        String username = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "legacy-password-1";
        String legacy = BCrypt.hashpw(password, BCrypt.gensalt(10));
        assertThat(legacy).startsWith("$2a$10$");
        this.jdbc.update(
                "INSERT INTO phoenix_user (id, username, username_key, password_hash, user_handle)"
                        + " VALUES (?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                username,
                username,
                legacy,
                UUID.randomUUID().toString());

        assertThat(OAuthTestClient.loginSucceeded(client().login(username, "not-" + password)))
                .isFalse();
        waitOutLoginBackoff(1);
        assertThat(storedHash(username)).isEqualTo(legacy);
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, password)))
                .isTrue();

        assertThat(storedHash(username)).startsWith("{bcrypt-sha256}$2");
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, password)))
                .as("login after re-hash")
                .isTrue();
    }

    private String storedHash(String username) {
        return this.jdbc.queryForObject(
                "SELECT password_hash FROM phoenix_user WHERE username = ?", String.class, username);
    }
}
