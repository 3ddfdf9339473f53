package com.phoenixidp.authserver.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser-facing passkey endpoints over plain HTTP: CSRF protection, the second-factor
 * state (no authorization code after the password alone), and what a half-signed-in user may do.
 */
class PasskeyHttpIntegrationTest extends AuthServerIntegrationTest {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private static final Pattern CSRF_HEADER_META = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

    static String[] csrfHeader(String html) {
        Matcher token = CSRF_META.matcher(html);
        Matcher header = CSRF_HEADER_META.matcher(html);
        assertThat(token.find()).as("csrf meta tag in page").isTrue();
        assertThat(header.find()).as("csrf header meta tag in page").isTrue();
        return new String[] {header.group(1), token.group(1)};
    }

    @Test
    void loginOptionsWhenNoCsrfTokenThenForbidden() {
        OAuthTestClient browser = client();
        browser.browse("/login");

        Response response = browser.post("/passkey/login/options", "application/json", "{}");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void loginOptionsWhenCsrfTokenFromPageThenUsernamelessRequestOptions() {
        OAuthTestClient browser = client();
        String[] csrf = csrfHeader(browser.browse("/login").body());

        Response response = browser.post("/passkey/login/options", "application/json", "{}", csrf[0], csrf[1]);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Object> options = response.json();
        assertThat(options).containsEntry("rpId", "localhost").containsKeys("challenge", "timeout");
        assertThat((List<?>) options.get("allowCredentials")).isEmpty();
    }

    @Test
    void passkeyLoginWhenNoCsrfTokenThenForbidden() {
        OAuthTestClient browser = client();
        browser.browse("/login");

        Response response = browser.post("/passkey/login", "application/json", "{\"type\":\"public-key\"}");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void passkeyLoginWhenGarbageAssertionThenGenericFailureAndNoSignIn() {
        OAuthTestClient browser = client();
        String[] csrf = csrfHeader(browser.browse("/login").body());
        browser.post("/passkey/login/options", "application/json", "{}", csrf[0], csrf[1]);

        Response response = browser.post(
                "/passkey/login",
                "application/json",
                "{\"type\":\"public-key\",\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"response\":{}}",
                csrf[0],
                csrf[1]);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("status", "failed");
        assertThat(browser.browse("/").location()).contains("/login");
    }

    @Test
    void accountEndpointsWhenNoCsrfTokenThenForbidden() {
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login("alice", "alice-password-1")))
                .isTrue();

        assertThat(browser.post("/account/passkeys/options", "application/json", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(browser.post("/account/passkeys", "application/json", "{}").status())
                .isEqualTo(403);
        assertThat(browser.postForm("/account/passkeys/delete", Map.of("credentialId", "AAAA"))
                        .status())
                .isEqualTo(403);
        assertThat(browser.postForm("/account/mfa", Map.of("enabled", "true")).status())
                .isEqualTo(403);
    }

    @Test
    void accountWhenSignedInThenPasskeyListAndRegistrationOptionsForTheUser() {
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login("carol", "carol-password-1")))
                .isTrue();

        Response page = browser.browse("/account");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"passkeys\"", "id=\"passkey-register\"", "id=\"passkey-name\"", "id=\"mfa-form\"");
        String[] csrf = csrfHeader(page.body());
        Response options = browser.post("/account/passkeys/options", "application/json", "{}", csrf[0], csrf[1]);

        assertThat(options.status()).as(options.body()).isEqualTo(200);
        Map<String, Object> json = options.json();
        assertThat(json).containsKeys("challenge", "pubKeyCredParams", "excludeCredentials");
        assertThat((Map<String, Object>) json.get("rp")).containsEntry("id", "localhost");
        assertThat((Map<String, Object>) json.get("user")).containsEntry("name", "carol");
        assertThat((Map<String, Object>) json.get("authenticatorSelection")).containsEntry("residentKey", "required");
    }

    @Test
    void accountWhenAnonymousThenLoginPage() {
        Response response = client().browse("/account");

        assertThat(response.isRedirect()).isTrue();
        assertThat(response.location()).endsWith("/login");
    }

    @Test
    void passwordLoginWhenMfaUserWithoutPasskeyThenAccountSetupAndNoAuthorizationCode() {
        OAuthTestClient browser = client();
        AuthorizationRequest request = new AuthorizationRequest("spa", "http://localhost:8081/callback", "openid")
                .pkce(OAuthTestClient.pkce());
        assertThat(browser.browse("/oauth2/authorize?" + request.query()).location())
                .endsWith("/login");

        Response login = browser.login("mona", "mona-password-12");

        assertThat(login.location()).endsWith("/account?setup");
        Response again = browser.browse("/oauth2/authorize?" + request.query());
        assertThat(again.location())
                .as("no code before the passkey step")
                .endsWith("/login")
                .doesNotContain("code=");
        assertThat(browser.browse("/").location()).endsWith("/login");
        Response account = browser.browse("/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body())
                .contains("id=\"passkey-setup\"", "id=\"passkey-register\"")
                .doesNotContain("id=\"mfa-form\"");
        String[] csrf = csrfHeader(account.body());
        Response options = browser.post("/account/passkeys/options", "application/json", "{}", csrf[0], csrf[1]);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        // switching the requirement off needs a full sign-in
        Map<String, String> form = Map.of("enabled", "false", "_csrf", csrf[1]);
        assertThat(browser.postForm("/account/mfa", form).location()).endsWith("/login");
        assertThat(this.jdbc.queryForObject("SELECT mfa FROM phoenix_user WHERE username = 'mona'", String.class))
                .isEqualTo("passkey");
    }

    @Test
    void secondFactorPageWhenNoPasswordStepThenBackToLogin() {
        OAuthTestClient browser = client();
        String[] csrf = csrfHeader(browser.browse("/login").body());

        assertThat(browser.browse("/login/passkey").location()).endsWith("/login");
        assertThat(browser.post("/passkey/verify/options", "application/json", "{}", csrf[0], csrf[1])
                        .status())
                .isEqualTo(403);
    }
}
