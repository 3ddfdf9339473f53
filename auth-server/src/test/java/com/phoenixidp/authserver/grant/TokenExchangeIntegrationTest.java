package com.phoenixidp.authserver.grant;

import static com.phoenixidp.authserver.TestData.SERVICE;
import static com.phoenixidp.authserver.TestData.SERVICE_SECRET;
import static com.phoenixidp.authserver.TestData.WEB;
import static com.phoenixidp.authserver.TestData.WEB_REDIRECT;
import static com.phoenixidp.authserver.TestData.WEB_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Token exchange (RFC 8693) for a service acting on a user's behalf: delegation with an actor
 * token yields {@code act.sub} = the actor (section 4.1); only clients registered for the grant.
 */
class TokenExchangeIntegrationTest extends AuthServerIntegrationTest {

    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private static final String EXCHANGER = "exchanger";

    private static final String EXCHANGER_SECRET = "exchanger-secret-0123456789-01234567";

    @Test
    void exchangeWhenActorTokenThenDelegatedTokenWithActClaim() throws java.text.ParseException {
        OAuthTestClient client = client();
        String userToken = userAccessToken(client);
        String actorToken = (String) client.clientCredentialsBasic(EXCHANGER, EXCHANGER_SECRET, "api.read")
                .json()
                .get("access_token");

        Response response =
                client.postForm("/oauth2/token", exchange(userToken, actorToken), EXCHANGER, EXCHANGER_SECRET);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json())
                .containsEntry("issued_token_type", ACCESS_TOKEN_TYPE)
                .doesNotContainKey("refresh_token");
        JWTClaimsSet claims =
                OAuthTestClient.verifiedClaims((String) response.json().get("access_token"), client.jwks());
        assertThat(claims.getSubject()).isEqualTo("gina");
        assertThat(claims.getClaim("client_id")).isEqualTo(EXCHANGER);
        assertThat(claims.getJSONObjectClaim("act")).containsEntry("sub", EXCHANGER);
    }

    @Test
    void exchangeWhenClientNotAllowedThenUnauthorizedClient() {
        OAuthTestClient client = client();
        String userToken = userAccessToken(client);

        Response response = client.postForm("/oauth2/token", exchange(userToken, null), SERVICE, SERVICE_SECRET);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "unauthorized_client");
    }

    private static Map<String, String> exchange(String subjectToken, String actorToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", TOKEN_EXCHANGE);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", ACCESS_TOKEN_TYPE);
        if (actorToken != null) {
            form.put("actor_token", actorToken);
            form.put("actor_token_type", ACCESS_TOKEN_TYPE);
        }
        form.put("scope", "api.read");
        return form;
    }

    private static String userAccessToken(OAuthTestClient browser) {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid api.read").pkce(pkce), "gina", "gina-password-12");
        Response token = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return (String) token.json().get("access_token");
    }
}
