package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.ALICE;
import static com.phoenixidp.authserver.TestData.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 8707 resource indicators over HTTP: the access token's {@code aud} is the requested
 * resource(s), or the client id when none was requested; a resource the client has not
 * registered ({@code resource-uris}) is {@code invalid_target} at the token endpoint and, sent
 * back to the client, at the authorization endpoint.
 */
class ResourceIndicatorIntegrationTest extends AuthServerIntegrationTest {

    private static final String ORDERS = "https://orders.example.com/";

    private static final String BILLING = "https://billing.example.com/";

    private static final String SERVICE = "res-service";

    private static final String SERVICE_SECRET = "res-service-secret-0123456789-012345";

    private static final String WEB = "res-web";

    private static final String WEB_SECRET = "res-web-secret-0123456789-0123456789";

    private static final String WEB_REDIRECT = "http://localhost:8080/res/cb";

    private final OAuthTestClient http = client();

    @Test
    void clientCredentialsWhenRegisteredResourcesRequestedThenAudIsThoseResources() {
        Response one = clientCredentials("resource=" + enc(ORDERS));
        Response two = clientCredentials("resource=" + enc(ORDERS) + "&resource=" + enc(BILLING));

        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(audience(one)).containsExactly(ORDERS);
        assertThat(audience(two)).containsExactlyInAnyOrder(ORDERS, BILLING);
    }

    @Test
    void clientCredentialsWhenNoResourceThenDefaultAudienceTheClientId() {
        Response response = clientCredentials(null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(audience(response)).containsExactly(SERVICE);
    }

    @Test
    void clientCredentialsWhenResourceNotRegisteredThenInvalidTarget() {
        Response unknown = clientCredentials("resource=" + enc("https://evil.example.com/"));
        Response oneOfTwoUnknown =
                clientCredentials("resource=" + enc(ORDERS) + "&resource=" + enc("https://evil.example.com/"));

        for (Response response : List.of(unknown, oneOfTwoUnknown)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json()).containsEntry("error", "invalid_target").doesNotContainKey("access_token");
        }
    }

    @Test
    void authorizationCodeWhenResourcesAuthorizedThenTokenRequestMayNarrowAndRefreshKeepsThem() {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = client().authorize(
                        new AuthorizationRequest(WEB, WEB_REDIRECT, "openid api.read")
                                .pkce(pkce)
                                .add("resource", ORDERS)
                                .add("resource", BILLING),
                        ALICE,
                        ALICE_PASSWORD);
        assertThat(result.code()).as(String.valueOf(result.lastResponse())).isNotNull();

        Response narrowed = this.http.post(
                "/oauth2/token",
                "application/x-www-form-urlencoded",
                "grant_type=authorization_code&code=" + enc(result.code()) + "&redirect_uri=" + enc(WEB_REDIRECT)
                        + "&code_verifier=" + pkce.verifier() + "&resource=" + enc(ORDERS),
                "Authorization",
                OAuthTestClient.basicAuth(WEB, WEB_SECRET));

        assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
        assertThat(audience(narrowed)).containsExactly(ORDERS);
        String idToken = (String) narrowed.json().get("id_token");
        assertThat(OAuthTestClient.verifiedClaims(idToken, this.http.jwks()).getAudience())
                .as("the ID token is for the client, whatever the resource")
                .containsExactly(WEB);
        Response refreshed =
                this.http.refreshBasic(WEB, WEB_SECRET, (String) narrowed.json().get("refresh_token"));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(audience(refreshed)).containsExactlyInAnyOrder(ORDERS, BILLING);
        Response widened = this.http.post(
                "/oauth2/token",
                "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token="
                        + enc((String) refreshed.json().get("refresh_token")) + "&resource="
                        + enc("https://orders.example.com/other"),
                "Authorization",
                OAuthTestClient.basicAuth(WEB, WEB_SECRET));
        assertThat(widened.status()).isEqualTo(400);
        assertThat(widened.json()).containsEntry("error", "invalid_target");
    }

    @Test
    void authorizeWhenResourceNotRegisteredThenInvalidTargetSentToTheClient() {
        AuthorizationRequest request = new AuthorizationRequest(WEB, WEB_REDIRECT, "openid api.read")
                .pkce(OAuthTestClient.pkce())
                .add("resource", "https://evil.example.com/");

        AuthorizationResult result = client().authorize(request, ALICE, ALICE_PASSWORD);

        assertThat(result.redirectedToClient())
                .as(String.valueOf(result.lastResponse()))
                .isTrue();
        assertThat(result.params())
                .containsEntry("error", "invalid_target")
                .containsEntry("state", request.state())
                .doesNotContainKey("code");
    }

    private Response clientCredentials(String extra) {
        String body = "grant_type=client_credentials&scope=api.read" + ((extra != null) ? "&" + extra : "");
        return this.http.post(
                "/oauth2/token",
                "application/x-www-form-urlencoded",
                body,
                "Authorization",
                OAuthTestClient.basicAuth(SERVICE, SERVICE_SECRET));
    }

    private List<String> audience(Response tokens) {
        Map<String, Object> json = tokens.json();
        return OAuthTestClient.verifiedClaims((String) json.get("access_token"), this.http.jwks())
                .getAudience();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
