package com.phoenixidp.authserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Isolation under a login flood: with every password-hashing slot of the running server taken (by
 * hashes that block until the test releases them), a password sign-in on the login page and a
 * password grant are answered 503 at once, in their own formats, without counting as failed
 * sign-ins; once released, both work again.
 */
class PasswordHashingBulkheadIntegrationTest extends AuthServerIntegrationTest {

    private static final String USER = "busy-user";

    private static final String PASSWORD = "busy-user-password-1";

    private static final String LEGACY = "legacy-app";

    private static final String LEGACY_SECRET = "legacy-secret-0123456789-0123456789";

    @Autowired
    PasswordHashingBulkhead bulkhead;

    private final ExecutorService hashes = Executors.newCachedThreadPool();

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHashes() {
        this.release.countDown();
        this.hashes.shutdown();
    }

    @Test
    void signInWhenHashingSaturatedThenBusyAnswersAtOnceAndNoLockThenWorksAfterRelease() throws Exception {
        OAuthTestClient browser = client();
        Response loginPage = browser.browse("/login");
        Map<String, String> form = OAuthTestClient.formInputs(loginPage.body(), "login-form");
        form.put("username", USER);
        form.put("password", PASSWORD);
        List<Future<?>> blockers = saturate();

        // busy answers are not failed sign-ins: none of them starts the account's back-off
        for (int i = 0; i < 4; i++) {
            Response busyPage =
                    browser.post("/login", "application/x-www-form-urlencoded", formBody(form), "Accept", "text/html");
            assertThat(busyPage.status()).as(busyPage.body()).isEqualTo(503);
            assertThat(busyPage.header("Content-Type"))
                    .hasValueSatisfying((t) -> assertThat(t).startsWith("text/html"));
            assertThat(busyPage.header("Retry-After")).contains("1");
            assertThat(busyPage.body()).contains("try again");
        }
        Response busyGrant = passwordGrant();
        assertThat(busyGrant.status()).as(busyGrant.body()).isEqualTo(503);
        assertThat(busyGrant.header("Retry-After")).contains("1");
        assertThat(busyGrant.json())
                .containsEntry("error", "temporarily_unavailable")
                .containsKey("error_description");

        this.release.countDown();
        for (Future<?> blocker : blockers) {
            blocker.get();
        }
        Response signedIn =
                browser.post("/login", "application/x-www-form-urlencoded", formBody(form), "Accept", "text/html");
        assertThat(OAuthTestClient.loginSucceeded(signedIn))
                .as("sign-in after the flood: %s %s", signedIn.status(), signedIn.location())
                .isTrue();
        Response grant = passwordGrant();
        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        assertThat(grant.json()).containsKey("access_token");
    }

    /** Takes every slot and queue place with hashes that wait for {@link #release}. */
    private List<Future<?>> saturate() {
        int places = this.bulkhead.threads() + this.bulkhead.queue();
        List<Future<?>> blockers = new ArrayList<>();
        for (int i = 0; i < places; i++) {
            blockers.add(this.hashes.submit(() -> {
                try {
                    return this.bulkhead.call(() -> {
                        try {
                            this.release.await();
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    });
                } catch (PasswordHashingBusyException ex) {
                    return null; // a queued blocker gave up waiting: the slots stay taken all the same
                }
            }));
        }
        await().until(() -> !this.bulkhead.hasFreeSlot());
        return blockers;
    }

    private Response passwordGrant() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", USER);
        form.put("password", PASSWORD);
        form.put("scope", "api.read");
        return client().postForm("/oauth2/token", form, LEGACY, LEGACY_SECRET);
    }

    private static String formBody(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                    .append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        });
        return body.toString();
    }
}
