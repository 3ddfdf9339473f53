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

/** A reused authorization code is refused and revokes what it issued (RFC 6749 4.1.2, OAuth 2.1 4.1.3). */
class CodeReplayIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void codeExchangeWhenCodeUsedTwiceThenInvalidGrantAndFirstTokensRevoked() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid api.read").pkce(pkce), ALICE, ALICE_PASSWORD);
        Response first = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String accessToken = (String) first.json().get("access_token");
        String refreshToken = (String) first.json().get("refresh_token");
        assertThat(browser.introspect(WEB, WEB_SECRET, accessToken)).containsEntry("active", true);

        Response second = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json()).containsEntry("error", "invalid_grant").doesNotContainKey("access_token");
        assertThat(browser.introspect(WEB, WEB_SECRET, accessToken)).containsEntry("active", false);
        Response refresh = browser.refreshBasic(WEB, WEB_SECRET, refreshToken);
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json()).containsEntry("error", "invalid_grant");
    }

    @Test
    void codeExchangeWhenCodeIsTheStoredHashOfACodeThenInvalidGrant() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);
        String storedHash = TokenHashes.hash(result.code());
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM oauth2_authorization WHERE authorization_code_value = ?",
                        Integer.class,
                        storedHash))
                .isEqualTo(1);

        Response token = browser.exchangeCodeBasic(WEB, WEB_SECRET, storedHash, WEB_REDIRECT, pkce.verifier());

        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json()).containsEntry("error", "invalid_grant");
        Response real = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(real.status()).as(real.body()).isEqualTo(200);
    }

    @Test
    void codeExchangeWhenRedirectUriDiffersFromAuthorizationRequestThenInvalidGrant() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);

        Response token =
                browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT + "/other", pkce.verifier());

        assertThat(token.status()).isEqualTo(400);
        Map<String, Object> error = token.json();
        assertThat(error).containsEntry("error", "invalid_grant");
    }
}
