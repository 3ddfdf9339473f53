package com.phoenixidp.authserver.grant;

import static com.phoenixidp.authserver.TestData.SPA;
import static com.phoenixidp.authserver.TestData.SPA_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The legacy implicit grant ({@code response_type=token}, RFC 6749 section 4.2): sign-in first,
 * consent, the access token in the fragment of the exact registered redirect URI, no refresh
 * token, a short lifetime; refused for clients that did not opt in.
 */
class ImplicitGrantIntegrationTest extends AuthServerIntegrationTest {

    private static final String IMPLICIT_APP = "implicit-app";

    private static final String IMPLICIT_REDIRECT = "http://localhost:8082/implicit";

    @Test
    void implicitWhenClientOptedInThenAccessTokenInFragmentAfterLoginAndConsent() {
        OAuthTestClient browser = client();
        AuthorizationRequest request = new AuthorizationRequest(IMPLICIT_APP, IMPLICIT_REDIRECT, "profile api.read")
                .param("response_type", "token");
        Response first = browser.browse("/oauth2/authorize?" + request.query());
        assertThat(first.location()).as("unauthenticated users sign in first").endsWith("/login");

        AuthorizationResult result = browser.authorize(request, "gina", "gina-password-12");

        assertThat(browser.consentPages()).hasSize(1);
        assertThat(result.location()).startsWith(IMPLICIT_REDIRECT + "#");
        Map<String, String> fragment = GrantTestSupport.fragmentParams(result.location());
        assertThat(fragment)
                .containsKeys("access_token", "expires_in")
                .containsEntry("token_type", "Bearer")
                .containsEntry("state", request.state())
                .doesNotContainKey("refresh_token")
                .doesNotContainKey("code");
        assertThat(fragment.get("scope").split(" ")).containsExactlyInAnyOrder("profile", "api.read");
        assertThat(Long.parseLong(fragment.get("expires_in"))).isBetween(1L, 300L);
        JWTClaimsSet access = OAuthTestClient.verifiedClaims(fragment.get("access_token"), browser.jwks());
        assertThat(access.getSubject()).isEqualTo("gina");
        assertThat(access.getClaim("client_id")).isEqualTo(IMPLICIT_APP);
        assertThat(access.getExpirationTime().getTime() - access.getIssueTime().getTime())
                .isLessThanOrEqualTo(300_000);

        // consent remembered: the second request goes straight back with a token
        AuthorizationResult again = browser.authorize(
                new AuthorizationRequest(IMPLICIT_APP, IMPLICIT_REDIRECT, "api.read").param("response_type", "token"),
                "gina",
                "gina-password-12");
        assertThat(browser.consentPages()).hasSize(1);
        assertThat(GrantTestSupport.fragmentParams(again.location())).containsKey("access_token");
    }

    @Test
    void implicitWhenUserDeniesConsentThenAccessDeniedInFragment() {
        OAuthTestClient browser = client();
        AuthorizationRequest request =
                new AuthorizationRequest(IMPLICIT_APP, IMPLICIT_REDIRECT, "api.read").param("response_type", "token");

        AuthorizationResult result =
                browser.authorize(request, "carol", "carol-password-1", OAuthTestClient.Consent.DENY);

        assertThat(GrantTestSupport.fragmentParams(result.location()))
                .containsEntry("error", "access_denied")
                .containsEntry("state", request.state())
                .doesNotContainKey("access_token");
    }

    @Test
    void implicitWhenClientNotOptedInThenUnauthorizedClientInFragment() {
        OAuthTestClient browser = client();
        AuthorizationRequest request =
                new AuthorizationRequest(SPA, SPA_REDIRECT, "profile").param("response_type", "token");

        AuthorizationResult result = browser.authorize(request, "gina", "gina-password-12");

        assertThat(result.location()).startsWith(SPA_REDIRECT + "#");
        assertThat(GrantTestSupport.fragmentParams(result.location()))
                .containsEntry("error", "unauthorized_client")
                .containsEntry("state", request.state())
                .doesNotContainKey("access_token");
    }

    @Test
    void authorizeWhenOtherResponseTypeThenUnsupportedResponseType() {
        OAuthTestClient browser = client();
        browser.login("gina", "gina-password-12");

        Response response = browser.browse("/oauth2/authorize?"
                + new AuthorizationRequest(SPA, SPA_REDIRECT, "profile")
                        .param("response_type", "id_token token")
                        .query());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("unsupported_response_type");
    }

    @Test
    void implicitWhenRedirectUriNotRegisteredThenErrorPageAndNoRedirect() {
        OAuthTestClient browser = client();
        browser.login("gina", "gina-password-12");

        Response response = browser.browse("/oauth2/authorize?"
                + new AuthorizationRequest(IMPLICIT_APP, IMPLICIT_REDIRECT + "/other", "api.read")
                        .param("response_type", "token")
                        .query());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.location()).isNull();
        assertThat(response.body()).contains("invalid_request");
    }
}
