package com.phoenixidp.authserver.user;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Failed-login throttling on the real login page: {@code phoenix.login.max-failures} (3 in the
 * test profile) wrong passwords lock the account for {@code lock-duration} (2 s). Only carol is
 * used here, so no other test is affected.
 */
class LoginThrottleIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void loginWhenMaxFailuresReachedThenRightPasswordRefusedUntilLockExpires() throws InterruptedException {
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login(CAROL, CAROL_PASSWORD)))
                .isTrue();
        OAuthTestClient attacker = client();
        for (int i = 0; i < 3; i++) {
            Response failed = attacker.login(CAROL, "wrong-password-" + i);
            assertThat(failed.location()).endsWith("/login?error");
        }

        Response locked = client().login(CAROL, CAROL_PASSWORD);

        assertThat(OAuthTestClient.loginSucceeded(locked))
                .as("right password while locked")
                .isFalse();
        assertThat(locked.location()).endsWith("/login?error");
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        boolean accepted = false;
        while (!accepted && System.nanoTime() < deadline) {
            Thread.sleep(200);
            accepted = OAuthTestClient.loginSucceeded(client().login(CAROL, CAROL_PASSWORD));
        }
        assertThat(accepted).as("right password accepted once the lock expired").isTrue();
    }

    @Test
    void loginWhenFailuresBelowMaxThenRightPasswordAccepted() {
        OAuthTestClient browser = client();
        // two failures, then a success resets the counter
        assertThat(browser.login(BOB, "wrong-password-a").location()).endsWith("/login?error");
        assertThat(browser.login(BOB, "wrong-password-b").location()).endsWith("/login?error");

        assertThat(OAuthTestClient.loginSucceeded(browser.login(BOB, BOB_PASSWORD)))
                .isTrue();
        assertThat(this.jdbc.queryForObject(
                        "SELECT failed_logins FROM phoenix_user WHERE username = ?", Integer.class, BOB))
                .isZero();
    }
}
