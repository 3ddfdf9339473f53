package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import org.junit.jupiter.api.Test;

/**
 * An untrusted client or redirect URI gets an error page, never a redirect (RFC 6749 4.1.2.1,
 * OAuth 2.1 exact redirect URI matching); errors for a trusted redirect URI go back to the client.
 */
class AuthorizationErrorPageIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void authorizeWhenRedirectUriNotRegisteredThenErrorPageWithoutRedirect() {
        assertErrorPage(authorize(WEB, "https://evil.example/callback"));
    }

    @Test
    void authorizeWhenRedirectUriDiffersOnlyBySuffixThenErrorPageWithoutRedirect() {
        assertErrorPage(authorize(WEB, WEB_REDIRECT + "/"));
        assertErrorPage(authorize(WEB, WEB_REDIRECT + "?x=1"));
        assertErrorPage(authorize(WEB, WEB_REDIRECT.replace("localhost", "LOCALHOST")));
    }

    @Test
    void authorizeWhenClientUnknownThenErrorPageWithoutRedirect() {
        assertErrorPage(authorize("no-such-client", WEB_REDIRECT));
        assertErrorPage(authorize("no-such-client", "https://evil.example/callback"));
    }

    @Test
    void authorizeWhenSignedInAndRedirectUriNotRegisteredThenErrorPageWithoutRedirect() {
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login(ALICE, ALICE_PASSWORD)))
                .isTrue();
        AuthorizationRequest request =
                new AuthorizationRequest(WEB, "https://evil.example/cb", "openid").pkce(OAuthTestClient.pkce());

        assertErrorPage(browser.browse("/oauth2/authorize?" + request.query()));
    }

    @Test
    void authorizeWhenScopeNotAllowedForClientThenErrorRedirectedToRegisteredUri() {
        AuthorizationRequest request =
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid phoenix.admin").pkce(OAuthTestClient.pkce());

        Response response = client().browse("/oauth2/authorize?" + request.query());

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).startsWith(WEB_REDIRECT + "?");
        assertThat(OAuthTestClient.queryParams(response.location()))
                .containsEntry("error", "invalid_scope")
                .containsEntry("state", request.state());
    }

    private Response authorize(String clientId, String redirectUri) {
        AuthorizationRequest request =
                new AuthorizationRequest(clientId, redirectUri, "openid").pkce(OAuthTestClient.pkce());
        return client().browse("/oauth2/authorize?" + request.query());
    }

    private static void assertErrorPage(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.location()).isNull();
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("id=\"error-code\"").doesNotContain("evil.example");
    }
}
