package com.phoenixidp.authserver.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The passkey as a second factor, in a real browser: a user with {@code mfa: passkey} and no
 * passkey is taken to /account after the password, registers one, and the pending authorization
 * request continues; on the next sign-in the password leads to the {@code passkey-verify} page,
 * and no authorization code is issued until the passkey assertion succeeds.
 */
class PasskeySecondFactorBrowserTest extends AuthServerIntegrationTest {

    private static final String CLIENT = "passkey-test";

    private static final String REDIRECT = issuer() + "/passkey-test/callback";

    private ChromeBrowser browser;

    @BeforeEach
    void startBrowser() {
        this.browser = ChromeBrowser.start(baseUrl());
    }

    @AfterEach
    void stopBrowser() {
        if (this.browser != null) {
            this.browser.close();
        }
    }

    @Test
    void mfaUserWhenPasswordThenNoCodeUntilPasskeyRegisteredOrVerified() {
        // First sign-in: password, then forced registration of a first passkey on /account.
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationRequest request = new AuthorizationRequest(CLIENT, REDIRECT, "openid").pkce(pkce);
        this.browser.open("/oauth2/authorize?" + request.query());
        this.browser.waitForPath("/login");
        this.browser.passwordLogin("max", "max-password-123");
        this.browser.waitForPath("/account");
        this.browser.element("passkey-setup");
        assertNoCodeYet(request);
        this.browser.open("/account");
        this.browser.click("passkey-register");
        assertSubjectOfCode(this.browser.waitForUrlStartingWith(REDIRECT), request, pkce);

        // Second sign-in (new session): password, then the passkey-verify step.
        this.browser.open("/login");
        this.browser.driver.manage().deleteAllCookies();
        Pkce pkce2 = OAuthTestClient.pkce();
        AuthorizationRequest request2 = new AuthorizationRequest(CLIENT, REDIRECT, "openid").pkce(pkce2);
        this.browser.open("/oauth2/authorize?" + request2.query());
        this.browser.waitForPath("/login");
        this.browser.passwordLogin("max", "max-password-123");
        this.browser.waitForPath("/login/passkey");
        assertThat(this.browser.element("pending-user").getText()).isEqualTo("max");
        assertNoCodeYet(request2);
        this.browser.open("/login/passkey");
        this.browser.click("passkey-verify");
        assertSubjectOfCode(this.browser.waitForUrlStartingWith(REDIRECT), request2, pkce2);
    }

    /** With only the password verified, the authorization endpoint sends the browser to log in. */
    private void assertNoCodeYet(AuthorizationRequest request) {
        this.browser.open("/oauth2/authorize?" + request.query());
        this.browser.waitForPath("/login");
        assertThat(this.browser.currentUrl()).doesNotContain("code=").doesNotStartWith(REDIRECT);
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = 'max'"
                                + " AND authorization_code_value IS NOT NULL AND access_token_value IS NULL",
                        Integer.class))
                .isZero();
    }

    private void assertSubjectOfCode(String callback, AuthorizationRequest request, Pkce pkce) {
        Map<String, String> params = OAuthTestClient.queryParams(callback);
        assertThat(params).containsEntry("state", request.state()).containsKey("code");
        OAuthTestClient http = client();
        Response token = http.exchangeCodePublic(CLIENT, params.get("code"), REDIRECT, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        JWTClaimsSet id = OAuthTestClient.verifiedClaims((String) token.json().get("id_token"), http.jwks());
        assertThat(id.getSubject()).isEqualTo("max");
    }
}
