package com.phoenixidp.authserver.par;

import static com.phoenixidp.authserver.TestData.ALICE;
import static com.phoenixidp.authserver.TestData.ALICE_PASSWORD;
import static com.phoenixidp.authserver.TestData.SPA;
import static com.phoenixidp.authserver.TestData.SPA_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Pushed authorization requests (RFC 9126) over HTTP: a client pushes its authorization request
 * to {@code /oauth2/par} and gets a {@code request_uri} valid 60 seconds, which the browser
 * redeems once at the authorization endpoint; a second use or a late one is refused (a late one
 * without waiting a minute: its stored expiry is moved into the past), and a
 * client registered with {@code require-pushed-authorization-requests} may not send a plain
 * authorization request.
 */
class PushedAuthorizationRequestIntegrationTest extends AuthServerIntegrationTest {

    private static final String WEB = "par-web";

    private static final String WEB_SECRET = "par-web-secret-0123456789-0123456789";

    private static final String WEB_REDIRECT = "http://localhost:8080/par/cb";

    private static final String REQUIRED = "par-required";

    private static final String REQUIRED_SECRET = "par-required-secret-0123456789-01234";

    private static final String REQUIRED_REDIRECT = "http://localhost:8080/par/required";

    private static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    @Autowired
    private OAuth2AuthorizationService authorizations;

    @Test
    void pushWhenConfidentialClientThenRequestUriValidSixtySeconds() {
        Response pushed = push(WEB, WEB_SECRET, WEB_REDIRECT, OAuthTestClient.pkce(), null);

        assertThat(pushed.status()).as(pushed.body()).isEqualTo(201);
        assertThat((String) pushed.json().get("request_uri")).startsWith(REQUEST_URI_PREFIX);
        assertThat(pushed.json()).containsEntry("expires_in", 60);
        assertThat(pushed.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void authorizeWhenRequestUriRedeemedThenCodeOnceAndSecondUseRefused() {
        Pkce pkce = OAuthTestClient.pkce();
        String requestUri = requestUri(push(WEB, WEB_SECRET, WEB_REDIRECT, pkce, null));
        OAuthTestClient browser = signedIn();

        Response first = browser.browse(redeem(WEB, requestUri));

        assertThat(first.location()).as(first.body()).startsWith(WEB_REDIRECT + "?");
        Map<String, String> params = OAuthTestClient.queryParams(first.location());
        assertThat(params)
                .containsKey("code")
                .containsEntry("state", "pushed-state")
                .containsEntry("iss", issuer());
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, params.get("code"), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        Response second = browser.browse(redeem(WEB, requestUri));
        assertThat(second.status()).as("no redirect for a used request_uri").isEqualTo(400);
        assertThat(second.body()).contains("invalid_request");
    }

    @Test
    void authorizeWhenRequestUriPastItsExpiryThenRefused() {
        long before = System.currentTimeMillis();
        String requestUri = requestUri(push(WEB, WEB_SECRET, WEB_REDIRECT, OAuthTestClient.pkce(), null));
        long after = System.currentTimeMillis();
        OAuthTestClient browser = signedIn();
        // SAS encodes the expiry in the request_uri (<random>___<epoch millis>) and in the stored state
        String state = requestUri.substring(REQUEST_URI_PREFIX.length());
        int delimiter = state.lastIndexOf("___");
        assertThat(Long.parseLong(state.substring(delimiter + 3)))
                .as("expires 60 s after the push, not SAS's 300 s")
                .isBetween(before + 60_000 - 1, after + 60_000);

        // the same request 61 s later, without waiting: its expiry moved 61 s back, as SAS reads it
        String late = state.substring(0, delimiter) + "___" + (Long.parseLong(state.substring(delimiter + 3)) - 61_000);
        OAuth2Authorization pushed = authorizations.findByToken(state, STATE);
        assertThat(pushed).isNotNull();
        authorizations.save(OAuth2Authorization.from(pushed)
                .attribute(OAuth2ParameterNames.STATE, late)
                .build());
        assertThat(authorizations.findByToken(late, STATE))
                .as("stored under the late state")
                .isNotNull();

        Response refused = browser.browse(redeem(WEB, REQUEST_URI_PREFIX + late));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_request");
    }

    @Test
    void authorizeWhenClientRequiresParThenPlainRequestRefusedAndPushedOneAccepted() {
        AuthorizationRequest plain =
                new AuthorizationRequest(REQUIRED, REQUIRED_REDIRECT, "openid api.read").pkce(OAuthTestClient.pkce());

        Response refused = client().browse("/oauth2/authorize?" + plain.query());

        assertThat(refused.location())
                .as("refused before any sign-in, back to the client")
                .startsWith(REQUIRED_REDIRECT + "?");
        assertThat(OAuthTestClient.queryParams(refused.location()))
                .containsEntry("error", "invalid_request")
                .containsEntry("state", plain.state())
                .containsEntry("iss", issuer())
                .doesNotContainKey("code");
        String requestUri =
                requestUri(push(REQUIRED, REQUIRED_SECRET, REQUIRED_REDIRECT, OAuthTestClient.pkce(), null));
        Response accepted = signedIn().browse(redeem(REQUIRED, requestUri));
        assertThat(OAuthTestClient.queryParams(accepted.location())).containsKey("code");
    }

    @Test
    void pushWhenResourceNotRegisteredThenInvalidTarget() {
        Response pushed = push(WEB, WEB_SECRET, WEB_REDIRECT, OAuthTestClient.pkce(), "https://evil.example.com/");

        assertThat(pushed.status()).isEqualTo(400);
        assertThat(pushed.json()).containsEntry("error", "invalid_target").doesNotContainKey("request_uri");
    }

    @Test
    void pushWhenPublicClientWithPkceThenAcceptedWithoutPkceRefused() {
        Map<String, String> withPkce = form(SPA, SPA_REDIRECT, OAuthTestClient.pkce(), null);
        withPkce.put("scope", "openid profile");
        Map<String, String> withoutPkce = form(SPA, SPA_REDIRECT, null, null);
        withoutPkce.put("scope", "openid profile");

        Response accepted = client().postForm("/oauth2/par", withPkce);
        Response refused = client().postForm("/oauth2/par", withoutPkce);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(refused.status())
                .as("a public client without PKCE is not identified")
                .isEqualTo(401);
        assertThat(refused.json()).containsEntry("error", "invalid_client").doesNotContainKey("request_uri");
    }

    @Test
    void discoveryWhenFetchedThenAdvertisesTheParEndpoint() {
        for (String path :
                new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
            Map<String, Object> metadata = client().get(path).json();
            assertThat(metadata)
                    .as(path)
                    .containsEntry("pushed_authorization_request_endpoint", issuer() + "/oauth2/par")
                    .containsEntry("require_pushed_authorization_requests", false);
        }
    }

    private Response push(String clientId, String secret, String redirect, Pkce pkce, String resource) {
        return client().postForm("/oauth2/par", form(clientId, redirect, pkce, resource), clientId, secret);
    }

    private static Map<String, String> form(String clientId, String redirect, Pkce pkce, String resource) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("response_type", "code");
        form.put("client_id", clientId);
        form.put("redirect_uri", redirect);
        form.put("scope", "openid api.read");
        form.put("state", "pushed-state");
        if (pkce != null) {
            form.put("code_challenge", pkce.challenge());
            form.put("code_challenge_method", "S256");
        }
        if (resource != null) {
            form.put("resource", resource);
        }
        return form;
    }

    private static String requestUri(Response pushed) {
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(201);
        return (String) pushed.json().get("request_uri");
    }

    private static String redeem(String clientId, String requestUri) {
        return "/oauth2/authorize?client_id=" + clientId + "&request_uri="
                + java.net.URLEncoder.encode(requestUri, java.nio.charset.StandardCharsets.UTF_8);
    }

    private OAuthTestClient signedIn() {
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login(ALICE, ALICE_PASSWORD)))
                .isTrue();
        return browser;
    }
}
