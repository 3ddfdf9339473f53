package com.phoenixidp.authserver.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Password sign-in throttling over HTTP (PasswordThrottle): per account an exponential back-off
 * (1 s after the first failure, doubling, at most {@code phoenix.login.max-backoff}) during which
 * the password is not even checked, counted race-safe in the database; per client address a
 * limit ({@code address-max-failures}: 30 per 30 s in the test profile). Each test uses its own
 * users and, through {@code X-Forwarded-For}, its own addresses.
 */
class LoginThrottleIntegrationTest extends AuthServerIntegrationTest {

    private static final String XFF = "X-Forwarded-For";

    private static final String LEGACY = "legacy-app";

    private static final String LEGACY_SECRET = "legacy-secret-0123456789-0123456789";

    @Test
    void loginWhenWrongPasswordThenBackoffOfOneSecondDoublingAndRightPasswordRefusedUntilItEnds() {
        String user = "throttle-backoff";
        String password = "throttle-backoff-password-1";
        OAuthTestClient attacker = client().withHeader(XFF, "198.51.100.11");

        assertThat(attacker.login(user, "wrong-password-1").location()).endsWith("/login?error");
        assertThat(backoffMillis(user)).as("after the first failure").isEqualTo(1000);
        long blockedUntil = blockedUntil(user);

        Response during = client().withHeader(XFF, "198.51.100.12").login(user, password);

        assertThat(during.location())
                .as("the right password during the back-off")
                .endsWith("/login?error");
        assertThat(blockedUntil(user))
                .as("a refused attempt does not extend it")
                .isEqualTo(blockedUntil);
        assertThat(failures(user)).as("but counts").isEqualTo(2);
        assertThat(this.jdbc.queryForObject(
                        "SELECT failed_logins FROM phoenix_user WHERE username = ?", Integer.class, user))
                .as("what admins see")
                .isEqualTo(2);
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM phoenix_user WHERE username = ? AND locked_until IS NOT NULL",
                        Integer.class,
                        user))
                .isEqualTo(1);

        waitOutLoginBackoff(1);
        assertThat(attacker.login(user, "wrong-password-2").location()).endsWith("/login?error");
        assertThat(backoffMillis(user)).as("2^(3-1) s after the third failure").isEqualTo(4000);

        waitOutLoginBackoff(3);
        assertThat(OAuthTestClient.loginSucceeded(
                        client().withHeader(XFF, "198.51.100.12").login(user, password)))
                .isTrue();
        assertThat(failures(user)).as("a success ends the back-off").isZero();
        assertThat(this.jdbc.queryForObject(
                        "SELECT failed_logins FROM phoenix_user WHERE username = ?", Integer.class, user))
                .isZero();
    }

    @Test
    void passwordGrantWhenFiftyParallelWrongPasswordsThenAllFiftyCountedAndBackoffCapped() throws Exception {
        String user = "throttle-parallel";
        // one user agent (its HTTP client is thread-safe) sending 50 requests at once
        OAuthTestClient attacker = client().withHeader(XFF, "198.51.100.20");
        List<Response> answers = parallel(50, (i) -> password(attacker, user, "wrong-password-" + i));

        assertThat(answers).extracting(Response::status).allMatch((status) -> status == 400 || status == 429);
        assertThat(failures(user)).as("no lost update").isEqualTo(50);
        assertThat(this.jdbc.queryForObject(
                        "SELECT failed_logins FROM phoenix_user WHERE username = ?", Integer.class, user))
                .isEqualTo(50);
        long now = System.currentTimeMillis();
        assertThat(blockedUntil(user) - now)
                .as("capped by phoenix.login.max-backoff (60 s)")
                .isPositive()
                .isLessThanOrEqualTo(60_000);
    }

    @Test
    void passwordGrantWhenAddressReachedItsLimitThenNoPasswordCheckedFromItUntilTheWindowEnds() throws Exception {
        String address = "198.51.100.30";
        // 30 failures (the test profile's limit) from one address, each for another (unknown) account
        OAuthTestClient attacker = client().withHeader(XFF, address);
        parallel(30, (i) -> password(attacker, "nobody-" + OAuthTestClient.randomToken(), "wrong-password"));
        assertThat(this.jdbc.queryForObject(
                        "SELECT failures FROM phoenix_login_throttle WHERE throttle_key = ?",
                        Integer.class,
                        "address:" + address))
                .isEqualTo(30);

        Response blocked =
                password(client().withHeader(XFF, address), "throttle-address", "throttle-address-password-1");
        Response elsewhere =
                password(client().withHeader(XFF, "198.51.100.31"), "throttle-address", "throttle-address-password-1");

        assertThat(blocked.status()).as(blocked.body()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.header("Retry-After").orElseThrow())).isBetween(1L, 30L);
        assertThat(elsewhere.status()).as("the account itself is fine").isEqualTo(200);
    }

    private Response password(OAuthTestClient client, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        return client.postForm("/oauth2/token", form, LEGACY, LEGACY_SECRET);
    }

    /** Runs {@code n} requests at once (released together). */
    private static List<Response> parallel(int n, java.util.function.IntFunction<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private int failures(String user) {
        List<Integer> failures = this.jdbc.queryForList(
                "SELECT failures FROM phoenix_login_throttle WHERE throttle_key = ?", Integer.class, "account:" + user);
        return failures.isEmpty() ? 0 : failures.get(0);
    }

    private long blockedUntil(String user) {
        return this.jdbc.queryForObject(
                "SELECT blocked_until FROM phoenix_login_throttle WHERE throttle_key = ?",
                Long.class,
                "account:" + user);
    }

    /** The back-off the last checked failure set (blocked_until and updated_at come from one statement). */
    private long backoffMillis(String user) {
        return this.jdbc.queryForObject(
                "SELECT blocked_until - updated_at FROM phoenix_login_throttle WHERE throttle_key = ?",
                Long.class,
                "account:" + user);
    }
}
