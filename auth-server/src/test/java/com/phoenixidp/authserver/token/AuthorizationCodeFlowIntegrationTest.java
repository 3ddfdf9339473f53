package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The authorization code grant with PKCE (RFC 6749 4.1, RFC 7636, OIDC Core 3.1) for a
 * confidential client, with each secret-based client authentication method.
 */
class AuthorizationCodeFlowIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void codeFlowWhenClientSecretBasicThenSignedIdAndAccessTokensAndUserinfo() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        String nonce = OAuthTestClient.randomToken();
        AuthorizationRequest request = new AuthorizationRequest(WEB, WEB_REDIRECT, "openid profile email")
                .pkce(pkce)
                .param("nonce", nonce);

        AuthorizationResult result = browser.authorize(request, ALICE, ALICE_PASSWORD);

        assertThat(result.code()).as("redirect %s", result.location()).isNotBlank();
        assertThat(result.params()).containsEntry("state", request.state());
        Response token = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        Map<String, Object> tokens = token.json();
        assertThat(tokens)
                .containsEntry("token_type", "Bearer")
                .containsKeys("access_token", "refresh_token", "id_token", "expires_in");

        JWKSet jwks = browser.jwks();
        JWTClaimsSet id = OAuthTestClient.verifiedClaims((String) tokens.get("id_token"), jwks);
        assertThat(id.getClaim("nonce")).isEqualTo(nonce);
        assertThat(id.getAudience()).containsExactly(WEB);
        assertThat(id.getIssuer()).isEqualTo(issuer());
        assertThat(id.getSubject()).isEqualTo("alice");
        assertThat(id.getClaim("email")).isEqualTo("alice@example.com");
        JWTClaimsSet access = OAuthTestClient.verifiedClaims((String) tokens.get("access_token"), jwks);
        assertThat(access.getIssuer()).isEqualTo(issuer());
        assertThat(access.getSubject()).isEqualTo("alice");
        assertThat(access.getClaim("client_id")).isEqualTo(WEB);

        Response userinfo = browser.get("/userinfo", "Authorization", "Bearer " + tokens.get("access_token"));
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json()).containsEntry("sub", "alice").containsEntry("email", "alice@example.com");
    }

    @Test
    void codeFlowWhenClientSecretPostThenTokensIssued() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid email").pkce(pkce), BOB, BOB_PASSWORD);

        Response token = browser.exchangeCodePost(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());

        assertThat(token.status()).as(token.body()).isEqualTo(200);
        JWTClaimsSet id = OAuthTestClient.verifiedClaims((String) token.json().get("id_token"), browser.jwks());
        assertThat(id.getSubject()).isEqualTo("bob");
    }

    @Test
    void codeExchangeWhenWrongClientSecretThenInvalidClient() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);

        Response token = browser.exchangeCodeBasic(WEB, WEB_SECRET + "x", result.code(), WEB_REDIRECT, pkce.verifier());

        assertThat(token.status()).isEqualTo(401);
        assertThat(token.json()).containsEntry("error", "invalid_client");
    }
}
