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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * End to end in a real browser (headless Chromium, WebAuthn virtual authenticator): password
 * login, passkey registration on /account, sign-out, an authorization code + PKCE flow signed in
 * with the passkey only, the code exchanged for tokens, then the passkey removed and passkey
 * login refused.
 */
class PasskeyLoginBrowserTest extends AuthServerIntegrationTest {

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
    void passkeyWhenRegisteredThenCodeFlowWithPasskeyOnlyAndRemovedPasskeyNoLongerSignsIn() {
        // 1. password login, register a passkey on /account
        this.browser.open("/login");
        this.browser.passwordLogin("pia", "pia-password-123");
        this.browser.waitForPath("/");
        this.browser.open("/account");
        assertThat(this.browser.passkeyItems()).isEmpty();
        this.browser.element("passkey-name").sendKeys("Laptop");
        this.browser.click("passkey-register");
        this.browser.waitFor().until((d) -> this.browser.passkeyItems().size() == 1);
        WebElement item = this.browser.passkeyItems().get(0);
        assertThat(item.getText()).contains("Laptop", "created", "last used never");
        assertThat(this.browser.authenticator.getCredentials())
                .singleElement()
                .satisfies((c) -> assertThat(c.isResidentCredential()).isTrue());

        // 2. sign out
        this.browser.click("logout");
        this.browser.waitForPath("/login");

        // 3. authorization code + PKCE, signing in with the passkey only
        Pkce pkce = OAuthTestClient.pkce();
        String nonce = OAuthTestClient.randomToken();
        AuthorizationRequest request = new AuthorizationRequest(CLIENT, REDIRECT, "openid profile")
                .pkce(pkce)
                .param("nonce", nonce);
        this.browser.open("/oauth2/authorize?" + request.query());
        this.browser.waitForPath("/login");
        this.browser.click("passkey-login");
        String callback = this.browser.waitForUrlStartingWith(REDIRECT);
        Map<String, String> params = OAuthTestClient.queryParams(callback);
        assertThat(params).containsEntry("state", request.state()).containsKey("code");

        OAuthTestClient http = client();
        Response token = http.exchangeCodePublic(CLIENT, params.get("code"), REDIRECT, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        JWTClaimsSet id = OAuthTestClient.verifiedClaims((String) token.json().get("id_token"), http.jwks());
        assertThat(id.getSubject()).isEqualTo("pia");
        assertThat(id.getIssuer()).isEqualTo(issuer());
        assertThat(id.getClaim("nonce")).isEqualTo(nonce);

        // 4. the account page shows the use; remove the passkey (a plain form post)
        this.browser.open("/account");
        assertThat(this.browser.passkeyItems())
                .singleElement()
                .satisfies((li) -> assertThat(li.getText()).doesNotContain("last used never"));
        this.browser
                .passkeyItems()
                .get(0)
                .findElement(By.className("passkey-remove"))
                .click();
        this.browser.element("no-passkeys");
        assertThat(this.browser.passkeyItems()).isEmpty();
        byte[] handle = java.util.Base64.getUrlDecoder()
                .decode(this.jdbc.queryForObject(
                        "SELECT user_handle FROM phoenix_user WHERE username = 'pia'", String.class));
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM webauthn_credential WHERE user_handle = ?", Integer.class, handle))
                .isZero();

        // 5. the authenticator still holds the key, but the server no longer accepts it
        this.browser.click("logout");
        this.browser.waitForPath("/login");
        assertThat(this.browser.authenticator.getCredentials()).hasSize(1);
        this.browser.click("passkey-login");
        WebElement error = this.browser.element("passkey-error");
        assertThat(error.getText()).contains("failed");
        assertThat(this.browser.currentUrl()).startsWith(baseUrl() + "/login");
        this.browser.open("/");
        this.browser.waitForPath("/login");
    }
}
