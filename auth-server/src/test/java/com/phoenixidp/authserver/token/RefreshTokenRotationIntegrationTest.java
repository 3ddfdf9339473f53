package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Refresh tokens rotate on every use, and a rotated-away refresh token presented again revokes
 * the whole family (OAuth 2.1 section 4.3.1, RFC 9700 section 4.14.2); of concurrent requests
 * with one refresh token at most one gets tokens, and a revocation racing a refresh is never lost.
 */
class RefreshTokenRotationIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void refreshWhenUsedThenNewRefreshTokenAndNewAccessTokenIssued() {
        OAuthTestClient browser = client();
        Map<String, Object> tokens = codeFlowTokens(browser);

        Response refreshed = browser.refreshBasic(WEB, WEB_SECRET, (String) tokens.get("refresh_token"));

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().get("refresh_token")).isNotNull().isNotEqualTo(tokens.get("refresh_token"));
        assertThat(refreshed.json().get("access_token")).isNotNull().isNotEqualTo(tokens.get("access_token"));
        assertThat(browser.introspect(WEB, WEB_SECRET, (String) refreshed.json().get("access_token")))
                .containsEntry("active", true);
        Response again =
                browser.refreshBasic(WEB, WEB_SECRET, (String) refreshed.json().get("refresh_token"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
    }

    @Test
    void refreshWhenRotatedAwayTokenPresentedAgainThenInvalidGrantAndWholeFamilyRevoked() {
        OAuthTestClient browser = client();
        Map<String, Object> tokens = codeFlowTokens(browser);
        String first = (String) tokens.get("refresh_token");
        Response rotated = browser.refreshBasic(WEB, WEB_SECRET, first);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newest = (String) rotated.json().get("refresh_token");
        String newestAccess = (String) rotated.json().get("access_token");

        Response reuse = browser.refreshBasic(WEB, WEB_SECRET, first);

        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.json()).containsEntry("error", "invalid_grant");
        Response newestRefresh = browser.refreshBasic(WEB, WEB_SECRET, newest);
        assertThat(newestRefresh.status()).isEqualTo(400);
        assertThat(newestRefresh.json()).containsEntry("error", "invalid_grant");
        assertThat(browser.introspect(WEB, WEB_SECRET, newestAccess)).containsEntry("active", false);
        assertThat(browser.introspect(WEB, WEB_SECRET, newest)).containsEntry("active", false);
    }

    @Test
    void refreshWhenTokenOfAnotherClientThenInvalidGrant() {
        OAuthTestClient browser = client();
        Map<String, Object> tokens = codeFlowTokens(browser);

        Response stolen = browser.refreshBasic(CONSENT_APP, CONSENT_APP_SECRET, (String) tokens.get("refresh_token"));

        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.json()).containsEntry("error", "invalid_grant");
        Response owner = browser.refreshBasic(WEB, WEB_SECRET, (String) tokens.get("refresh_token"));
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
    }

    @Test
    void refreshWhenTenConcurrentRequestsWithSameTokenThenOneGetsTokensOthersInvalidGrantAndFamilyRevoked()
            throws Exception {
        OAuthTestClient browser = client();
        Map<String, Object> tokens = codeFlowTokens(browser);
        String refreshToken = (String) tokens.get("refresh_token");

        List<Response> answers = concurrently(10, (i) -> client().refreshBasic(WEB, WEB_SECRET, refreshToken));

        assertThat(answers).extracting(Response::status).allMatch((s) -> s == 200 || s == 400);
        List<Response> winners =
                answers.stream().filter((r) -> r.status() == 200).toList();
        assertThat(winners).as("at most one request gets new tokens").hasSizeLessThanOrEqualTo(1);
        assertThat(answers.stream().filter((r) -> r.status() == 400))
                .allSatisfy((r) -> assertThat(r.json()).containsEntry("error", "invalid_grant"));
        for (Response winner : winners) {
            String newRefresh = (String) winner.json().get("refresh_token");
            Response next = browser.refreshBasic(WEB, WEB_SECRET, newRefresh);
            assertThat(next.status()).as("the family was revoked as reuse").isEqualTo(400);
            assertThat(browser.introspect(
                            WEB, WEB_SECRET, (String) winner.json().get("access_token")))
                    .containsEntry("active", false);
        }
    }

    @Test
    void revokeWhenRacingARefreshThenNoTokenOfTheFamilyStaysActive() throws Exception {
        for (int round = 0; round < 5; round++) {
            OAuthTestClient browser = client();
            String refreshToken = (String) codeFlowTokens(browser).get("refresh_token");

            List<Response> answers = concurrently(
                    2,
                    (i) -> (i == 0)
                            ? client().refreshBasic(WEB, WEB_SECRET, refreshToken)
                            : client().revoke(WEB, WEB_SECRET, refreshToken, "refresh_token"));

            assertThat(answers.get(1).status()).isEqualTo(200);
            Response refreshed = answers.get(0);
            assertThat(refreshed.status()).isIn(200, 400);
            if (refreshed.status() == 200) {
                assertThat(browser.introspect(
                                WEB, WEB_SECRET, (String) refreshed.json().get("refresh_token")))
                        .as("round %d: the revocation was not lost", round)
                        .containsEntry("active", false);
            }
            assertThat(browser.refreshBasic(WEB, WEB_SECRET, refreshToken).status())
                    .isEqualTo(400);
        }
    }

    /** Runs {@code call(0..n-1)} on n threads released at the same moment; answers in order. */
    private static <T> List<T> concurrently(int n, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> codeFlowTokens(OAuthTestClient browser) {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid api.read").pkce(pkce), BOB, BOB_PASSWORD);
        Response token = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.json()).containsKey("refresh_token");
        return token.json();
    }
}
