package com.phoenixidp.authserver.web;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Consent;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import org.junit.jupiter.api.Test;

/** The consent page (OAuth 2.1 4.1.1, OIDC Core 3.1.2.4) for a client that requires consent. */
class ConsentIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void authorizeWhenConsentApprovedThenCodeIssuedAndConsentRemembered() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();

        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(CONSENT_APP, CONSENT_APP_REDIRECT, "openid profile api.read").pkce(pkce),
                ALICE,
                ALICE_PASSWORD,
                Consent.APPROVE);

        assertThat(browser.consentPages()).hasSize(1);
        String page = browser.consentPages().get(0);
        assertThat(page)
                .contains("id=\"consent-approve\"", "id=\"consent-form\"", "id=\"consent-deny-form\"", "api.read");
        assertThat(result.code()).as("redirect %s", result.location()).isNotBlank();
        Response token = browser.exchangeCodeBasic(
                CONSENT_APP, CONSENT_APP_SECRET, result.code(), CONSENT_APP_REDIRECT, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(((String) token.json().get("scope")).split(" ")).contains("openid", "profile", "api.read");

        Pkce second = OAuthTestClient.pkce();
        AuthorizationResult again = browser.authorize(
                new AuthorizationRequest(CONSENT_APP, CONSENT_APP_REDIRECT, "openid profile api.read").pkce(second),
                ALICE,
                ALICE_PASSWORD,
                Consent.DENY);
        assertThat(browser.consentPages())
                .as("an approved consent is not asked again")
                .hasSize(1);
        assertThat(again.code()).isNotBlank();
    }

    @Test
    void authorizeWhenConsentDeniedThenAccessDeniedRedirectWithState() {
        OAuthTestClient browser = client();
        AuthorizationRequest request = new AuthorizationRequest(CONSENT_APP, CONSENT_APP_REDIRECT, "openid api.write")
                .pkce(OAuthTestClient.pkce());

        AuthorizationResult result = browser.authorize(request, BOB, BOB_PASSWORD, Consent.DENY);

        assertThat(browser.consentPages()).hasSize(1);
        assertThat(result.redirectedToClient())
                .as("answer %s", result.lastResponse())
                .isTrue();
        assertThat(result.error()).isEqualTo("access_denied");
        assertThat(result.code()).isNull();
        assertThat(result.params()).containsEntry("state", request.state());
    }

    @Test
    void consentPageWhenNotSignedInThenSentToLogin() {
        Response response = client().browse("/oauth2/consent?client_id=" + CONSENT_APP + "&state=abc&scope=openid");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).endsWith("/login");
    }
}
