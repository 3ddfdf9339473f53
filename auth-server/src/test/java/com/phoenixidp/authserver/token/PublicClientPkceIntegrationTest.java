package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import org.junit.jupiter.api.Test;

/** A public client (auth method none): PKCE is mandatory and S256 only (RFC 7636, OAuth 2.1 4.1.1). */
class PublicClientPkceIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void authorizeWhenPublicClientSendsNoCodeChallengeThenInvalidRequestAndNoCode() {
        AuthorizationResult result = client().authorize(
                        new AuthorizationRequest(SPA, SPA_REDIRECT, "openid profile"), ALICE, ALICE_PASSWORD);

        assertThat(result.redirectedToClient())
                .as("answer: %s", result.lastResponse())
                .isTrue();
        assertThat(result.error()).isEqualTo("invalid_request");
        assertThat(result.code()).isNull();
    }

    @Test
    void authorizeWhenCodeChallengeMethodPlainThenInvalidRequestAndNoCode() {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationRequest request = new AuthorizationRequest(SPA, SPA_REDIRECT, "openid")
                .param("code_challenge", pkce.verifier())
                .param("code_challenge_method", "plain");

        AuthorizationResult result = client().authorize(request, ALICE, ALICE_PASSWORD);

        assertThat(result.error()).isEqualTo("invalid_request");
        assertThat(result.code()).isNull();
    }

    @Test
    void codeExchangeWhenPublicClientWithRightVerifierThenTokensWithoutSecret() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(SPA, SPA_REDIRECT, "openid profile").pkce(pkce), ALICE, ALICE_PASSWORD);
        assertThat(result.code()).as("redirect %s", result.location()).isNotBlank();

        Response token = browser.exchangeCodePublic(SPA, result.code(), SPA_REDIRECT, pkce.verifier());

        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.json()).containsKeys("access_token", "id_token").doesNotContainKey("refresh_token");
        OAuthTestClient.verifiedClaims((String) token.json().get("access_token"), browser.jwks());
    }

    @Test
    void codeExchangeWhenWrongCodeVerifierThenInvalidGrant() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(SPA, SPA_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);

        Response token = browser.exchangeCodePublic(
                SPA, result.code(), SPA_REDIRECT, OAuthTestClient.pkce().verifier());

        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json()).containsEntry("error", "invalid_grant");
    }

    @Test
    void codeExchangeWhenConfidentialClientOmitsVerifierThenInvalidGrant() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);

        Response token = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, null);

        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json()).containsEntry("error", "invalid_grant");
    }
}
