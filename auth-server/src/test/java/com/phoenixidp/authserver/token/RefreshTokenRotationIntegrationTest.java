package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refresh tokens rotate on every use, and a rotated-away refresh token presented again revokes
 * the whole family (OAuth 2.1 section 4.3.1, RFC 9700 section 4.14.2).
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
