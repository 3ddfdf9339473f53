package com.phoenixidp.authserver.web;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import org.junit.jupiter.api.Test;

/** OpenID Connect RP-Initiated Logout 1.0 at {@code /connect/logout}. */
class LogoutIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void logoutWhenRegisteredPostLogoutRedirectUriThenRedirectedThereAndSessionEnded() {
        OAuthTestClient browser = client();
        String idToken = signIn(browser);

        Response logout = browser.browse("/connect/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + WEB_POST_LOGOUT + "&state=bye-1");

        assertThat(logout.status()).as(logout.body()).isBetween(301, 303);
        assertThat(logout.location()).isEqualTo(WEB_POST_LOGOUT + "?state=bye-1");
        AuthorizationRequest again = new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(OAuthTestClient.pkce());
        Response authorize = browser.browse("/oauth2/authorize?" + again.query());
        assertThat(authorize.status()).isEqualTo(302);
        assertThat(authorize.location())
                .as("signed out: asked to sign in again")
                .endsWith("/login");
    }

    @Test
    void logoutWhenPostLogoutRedirectUriNotRegisteredThenNotRedirectedThere() {
        OAuthTestClient browser = client();
        String idToken = signIn(browser);

        Response logout = browser.browse(
                "/connect/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri=https://evil.example/bye");

        assertThat(logout.status()).isEqualTo(400);
        assertThat(logout.location()).isNull();
        assertThat(logout.body()).doesNotContain("Exception").doesNotContain("evil.example");
    }

    private static String signIn(OAuthTestClient browser) {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);
        Response token = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return (String) token.json().get("id_token");
    }
}
