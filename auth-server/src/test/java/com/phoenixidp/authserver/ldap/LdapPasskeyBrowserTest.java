package com.phoenixidp.authserver.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.TestDirectory;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A directory user registers a passkey after a directory password sign-in, then signs in to a
 * client with the passkey alone while the directory is down (headless Chromium, virtual
 * authenticator, real slapd stopped).
 */
class LdapPasskeyBrowserTest extends AuthServerIntegrationTest {

    private static final String USER = "ldap-passkey";

    private static final String PASSWORD = "passkey-directory-pw-1";

    private static final String CLIENT = "passkey-test";

    @BeforeAll
    static void directoryUser() {
        TestDirectory.assumeInstalled();
        ChromeBrowser.assumeInstalled();
        TestDirectory.shared().addUser(USER, PASSWORD, "Paula", "Passkey", "paula@example.org");
    }

    @Test
    void passkeyWhenRegisteredByDirectoryUserThenSignsInWhileTheDirectoryIsDown() throws Exception {
        TestDirectory directory = TestDirectory.shared();
        String redirect = issuer() + "/passkey-test/callback";
        try (ChromeBrowser browser = ChromeBrowser.start(baseUrl())) {
            browser.open("/login");
            browser.passwordLogin(USER, PASSWORD);
            browser.waitForPath("/");
            browser.open("/account");
            assertThat(browser.element("password-managed").getText()).contains("directory");
            assertThat(browser.driver.findElements(By.id("password-form")))
                    .as("no password form for a directory user")
                    .isEmpty();
            browser.element("passkey-name").sendKeys("Laptop");
            browser.click("passkey-register");
            browser.waitFor().until((d) -> browser.passkeyItems().size() == 1);
            browser.click("logout");
            browser.waitForPath("/login");

            directory.stop();
            try {
                Pkce pkce = OAuthTestClient.pkce();
                AuthorizationRequest request = new AuthorizationRequest(CLIENT, redirect, "openid profile").pkce(pkce);
                browser.open("/oauth2/authorize?" + request.query());
                browser.waitForPath("/login");
                browser.click("passkey-login");
                Map<String, String> params = OAuthTestClient.queryParams(browser.waitForUrlStartingWith(redirect));

                OAuthTestClient http = client();
                Response tokens = http.exchangeCodePublic(CLIENT, params.get("code"), redirect, pkce.verifier());
                assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
                JWTClaimsSet id =
                        OAuthTestClient.verifiedClaims((String) tokens.json().get("id_token"), http.jwks());
                assertThat(id.getSubject()).isEqualTo(USER);
                assertThat(id.getClaim("name")).isEqualTo("Paula Passkey");
            } finally {
                directory.start();
            }
        }
    }
}
