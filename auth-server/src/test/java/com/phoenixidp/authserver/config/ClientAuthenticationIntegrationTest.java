package com.phoenixidp.authserver.config;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ClientKeyServer;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client credentials grant (RFC 6749 4.4) with each client authentication method we
 * advertise: client_secret_basic, client_secret_post (RFC 6749 2.3.1) and private_key_jwt
 * (OIDC Core 9, RFC 7523), and the token endpoint's error responses (RFC 6749 5.2).
 */
class ClientAuthenticationIntegrationTest extends AuthServerIntegrationTest {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Test
    void clientCredentialsWhenClientSecretBasicThenSignedAccessToken() {
        OAuthTestClient client = client();

        Response response = client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json())
                .containsEntry("token_type", "Bearer")
                .containsEntry("scope", "api.read")
                .doesNotContainKey("refresh_token");
        JWTClaimsSet claims =
                OAuthTestClient.verifiedClaims((String) response.json().get("access_token"), client.jwks());
        assertThat(claims.getSubject()).isEqualTo(SERVICE);
        assertThat(claims.getIssuer()).isEqualTo(issuer());
    }

    @Test
    void clientCredentialsWhenClientSecretPostThenAccessToken() {
        Response response = client().postForm(
                        "/oauth2/token",
                        form(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                SERVICE,
                                "client_secret",
                                SERVICE_SECRET,
                                "scope",
                                "api.write"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).containsEntry("scope", "api.write").containsKey("access_token");
    }

    @Test
    void clientCredentialsWhenWrongSecretThenUnauthorizedInvalidClient() {
        Response basic = client().clientCredentialsBasic(SERVICE, SERVICE_SECRET.replace('0', '1'), null);
        Response post = client().postForm(
                        "/oauth2/token",
                        form(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                SERVICE,
                                "client_secret",
                                "wrong-secret-0123456789-0123456789"));
        Response unknown = client().clientCredentialsBasic("no-such-client", SERVICE_SECRET, null);

        for (Response response : new Response[] {basic, post, unknown}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type"))
                    .hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
            assertThat(response.json()).containsEntry("error", "invalid_client").doesNotContainKey("access_token");
        }
    }

    @Test
    void tokenWhenUnknownGrantTypeThenUnsupportedGrantType() {
        Response response = client().postForm(
                        "/oauth2/token",
                        form("grant_type", "urn:example:params:oauth:grant-type:no-such-grant", "username", ALICE),
                        SERVICE,
                        SERVICE_SECRET);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "unsupported_grant_type");
    }

    @Test
    void tokenWhenGrantTypeMissingThenInvalidRequest() {
        Response response = client().postForm("/oauth2/token", form("scope", "api.read"), SERVICE, SERVICE_SECRET);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "invalid_request");
    }

    @Test
    void clientCredentialsWhenScopeNotRegisteredForClientThenInvalidScope() {
        Response response = client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read phoenix.admin");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "invalid_scope").doesNotContainKey("access_token");
    }

    @Test
    void clientCredentialsWhenPublicClientThenRefused() {
        Response response =
                client().postForm("/oauth2/token", form("grant_type", "client_credentials", "client_id", SPA));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("error", "invalid_client").doesNotContainKey("access_token");
    }

    @Test
    void clientCredentialsWhenGrantNotRegisteredForClientThenUnauthorizedClient() {
        Response response = client().clientCredentialsBasic(WEB, WEB_SECRET, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "unauthorized_client");
    }

    @Test
    void clientCredentialsWhenSignedClientAssertionThenAccessToken() {
        OAuthTestClient client = client();
        Response response = client.postForm(
                "/oauth2/token",
                form(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        ClientKeyServer.CLIENT_ID,
                        "client_assertion_type",
                        JWT_BEARER,
                        "client_assertion",
                        ClientKeyServer.assertion(issuer() + "/oauth2/token"),
                        "scope",
                        "api.read"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JWTClaimsSet claims =
                OAuthTestClient.verifiedClaims((String) response.json().get("access_token"), client.jwks());
        assertThat(claims.getSubject()).isEqualTo(ClientKeyServer.CLIENT_ID);
    }

    @Test
    void clientCredentialsWhenClientAssertionSignedWithUnknownKeyThenInvalidClient() {
        Response response = client().postForm(
                        "/oauth2/token",
                        form(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                ClientKeyServer.CLIENT_ID,
                                "client_assertion_type",
                                JWT_BEARER,
                                "client_assertion",
                                ClientKeyServer.assertionSignedWithUnknownKey(issuer() + "/oauth2/token")));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("error", "invalid_client").doesNotContainKey("access_token");
    }

    @Test
    void clientCredentialsWhenClientAssertionForAnotherAudienceThenInvalidClient() {
        Response response = client().postForm(
                        "/oauth2/token",
                        form(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                ClientKeyServer.CLIENT_ID,
                                "client_assertion_type",
                                JWT_BEARER,
                                "client_assertion",
                                ClientKeyServer.assertion("https://other-server.example/token")));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("error", "invalid_client");
    }

    @Test
    void clientCredentialsWhenPrivateKeyJwtClientSendsASecretInsteadThenInvalidClient() {
        Response response =
                client().clientCredentialsBasic(ClientKeyServer.CLIENT_ID, "guess-secret-0123456789-0123456789", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("error", "invalid_client");
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }
}
