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

/** Token introspection (RFC 7662) and revocation (RFC 7009). */
class IntrospectionRevocationIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void introspectWhenActiveAccessTokenThenActiveWithClientScopeAndExpiry() {
        OAuthTestClient client = client();
        String token = accessToken(client);

        Map<String, Object> result = client.introspect(SERVICE, SERVICE_SECRET, token);

        assertThat(result)
                .containsEntry("active", true)
                .containsEntry("client_id", SERVICE)
                .containsEntry("scope", "api.read")
                .containsEntry("token_type", "Bearer")
                .containsKeys("exp", "iat", "sub");
    }

    @Test
    void revokeWhenAccessTokenThenOkAndInactive() {
        OAuthTestClient client = client();
        String token = accessToken(client);

        Response revoked = client.revoke(SERVICE, SERVICE_SECRET, token, "access_token");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(client.introspect(SERVICE, SERVICE_SECRET, token))
                .containsEntry("active", false)
                .doesNotContainKey("client_id");
    }

    @Test
    void revokeWhenRefreshTokenThenRefreshRefusedAndItsAccessTokenInactive() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);
        Map<String, Object> tokens = browser.exchangeCodeBasic(
                        WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier())
                .json();
        String refresh = (String) tokens.get("refresh_token");
        assertThat(browser.introspect(WEB, WEB_SECRET, refresh)).containsEntry("active", true);

        Response revoked = browser.revoke(WEB, WEB_SECRET, refresh, "refresh_token");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(browser.introspect(WEB, WEB_SECRET, refresh)).containsEntry("active", false);
        assertThat(browser.introspect(WEB, WEB_SECRET, (String) tokens.get("access_token")))
                .containsEntry("active", false);
        Response refreshed = browser.refreshBasic(WEB, WEB_SECRET, refresh);
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.json()).containsEntry("error", "invalid_grant");
    }

    @Test
    void introspectWhenAnotherAuthenticatedClientAsksThenAnswered() {
        // RFC 7662: any authenticated client (typically a resource server) may introspect
        String token = accessToken(client());

        Map<String, Object> result = client().introspect(ADMIN_TOOL, ADMIN_TOOL_SECRET, token);

        assertThat(result).containsEntry("active", true).containsEntry("client_id", SERVICE);
    }

    @Test
    void introspectWhenCallerNotAuthenticatedThenInvalidClient() {
        String token = accessToken(client());

        Response response = client().postForm("/oauth2/introspect", Map.of("token", token));
        Response wrongSecret =
                client().postForm("/oauth2/introspect", Map.of("token", token), SERVICE, SERVICE_SECRET + "x");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("error", "invalid_client").doesNotContainKey("active");
        assertThat(wrongSecret.status()).isEqualTo(401);
    }

    @Test
    void revokeWhenTokenBelongsToAnotherClientThenRefusedAndTokenStaysActive() {
        OAuthTestClient client = client();
        String token = accessToken(client);

        Response response = client.revoke(ADMIN_TOOL, ADMIN_TOOL_SECRET, token, null);

        assertThat(response.status()).isBetween(400, 401);
        assertThat(response.json()).containsKey("error");
        assertThat(client.introspect(SERVICE, SERVICE_SECRET, token)).containsEntry("active", true);
    }

    @Test
    void revokeWhenUnknownTokenThenOk() {
        // RFC 7009 section 2.2: an invalid token is not an error
        Response response = client().revoke(SERVICE, SERVICE_SECRET, "unknown-token-value", null);

        assertThat(response.status()).isEqualTo(200);
    }

    private static String accessToken(OAuthTestClient client) {
        Response response = client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }
}
