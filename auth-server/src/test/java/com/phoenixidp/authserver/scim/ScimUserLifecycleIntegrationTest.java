package com.phoenixidp.authserver.scim;

import static com.phoenixidp.authserver.scim.ScimTestClient.patchOp;
import static com.phoenixidp.authserver.scim.ScimTestClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.TestData;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a SCIM change to a user does at once: disabling ends a real browser session, refresh
 * tokens and access tokens, and refuses password sign-in and the password grant; a new password
 * works at the next sign-in and the old one does not; deleting removes the user's passkeys,
 * consents and tokens.
 */
class ScimUserLifecycleIntegrationTest extends AuthServerIntegrationTest {

    private ScimTestClient scim;

    @BeforeEach
    void signIn() {
        this.scim = ScimTestClient.admin(baseUrl());
    }

    @Test
    void patchWhenUserDisabledThenBrowserSessionRefreshTokenAndAccessTokenEnd() {
        String username = uniqueName("scim-off");
        String password = "disable-password-1";
        String path =
                "/scim/v2/Users/" + this.scim.createUser(username, password).get("id");
        Tokens tokens =
                codeFlow(client(), TestData.WEB, TestData.WEB_SECRET, TestData.WEB_REDIRECT, username, password);
        assertThat(introspect(tokens.access())).containsEntry("active", true);
        assertThat(passwordGrant(username, password).status()).isEqualTo(200);

        try (ChromeBrowser browser = ChromeBrowser.start(baseUrl())) {
            browser.open("/login");
            browser.passwordLogin(username, password);
            browser.waitForPath("/");
            browser.open("/account");
            assertThat(browser.element("account-user").getText()).isEqualTo(username);

            Response disabled = this.scim.patch(path, patchOp("{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}"));
            assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
            assertThat(disabled.json()).containsEntry("active", false);

            browser.open("/account");
            browser.waitForPath("/login");
        }
        Response refresh = client().refreshBasic(TestData.WEB, TestData.WEB_SECRET, tokens.refresh());
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(400);
        assertThat(refresh.json()).containsEntry("error", "invalid_grant");
        assertThat(introspect(tokens.access())).containsEntry("active", false);
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, password)))
                .isFalse();
        waitOutLoginBackoff(1);
        Response grant = passwordGrant(username, password);
        assertThat(grant.status()).as(grant.body()).isEqualTo(400);
        assertThat(grant.json()).containsEntry("error", "invalid_grant");

        this.scim.patch(path, patchOp("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}"));
        waitOutLoginBackoff(2);
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, password)))
                .as("enabled again")
                .isTrue();
    }

    @Test
    void patchWhenPasswordSetThenNewPasswordSignsInAndOldOneFails() {
        String username = uniqueName("scim-pw");
        Map<String, Object> user = this.scim.createUser(username, "old-password-123");

        Response response = this.scim.patch(
                "/scim/v2/Users/" + user.get("id"),
                patchOp("{\"op\":\"replace\",\"path\":\"password\",\"value\":\"new-password-456\"}"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("new-password-456").doesNotContain("password");
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, "old-password-123")))
                .isFalse();
        waitOutLoginBackoff(1);
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, "new-password-456")))
                .isTrue();
        String stored = this.jdbc.queryForObject(
                "SELECT password_hash FROM phoenix_user WHERE id = ?", String.class, user.get("id"));
        assertThat(stored).startsWith("{bcrypt-sha256}").doesNotContain("new-password-456");

        Response put = this.scim.put(
                "/scim/v2/Users/" + user.get("id"),
                "{\"userName\":\"" + username + "\",\"password\":\"put-password-789\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, "new-password-456")))
                .isFalse();
        waitOutLoginBackoff(1);
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, "put-password-789")))
                .isTrue();
    }

    @Test
    void deleteWhenUserHasPasskeyConsentAndTokensThenAllRemoved() {
        String username = uniqueName("scim-gone");
        String password = "delete-password-1";
        String id = (String) this.scim.createUser(username, password).get("id");
        Tokens tokens = codeFlow(
                client(),
                TestData.CONSENT_APP,
                TestData.CONSENT_APP_SECRET,
                TestData.CONSENT_APP_REDIRECT,
                username,
                password);
        insertPasskey(id);
        assertThat(count("oauth2_authorization_consent", "principal_name", username))
                .isEqualTo(1);
        assertThat(count("oauth2_authorization", "principal_name", username)).isEqualTo(1);
        assertThat(passkeys(id)).isEqualTo(1);

        assertThat(this.scim.delete("/scim/v2/Users/" + id).status()).isEqualTo(204);

        assertThat(count("oauth2_authorization_consent", "principal_name", username))
                .isZero();
        assertThat(count("oauth2_authorization", "principal_name", username)).isZero();
        assertThat(count("phoenix_user", "id", id)).isZero();
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM webauthn_credential WHERE name = ?", Integer.class, "scim-" + id))
                .isZero();
        assertThat(introspect(tokens.access())).containsEntry("active", false);
        Response refresh = client().refreshBasic(TestData.CONSENT_APP, TestData.CONSENT_APP_SECRET, tokens.refresh());
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, password)))
                .isFalse();
    }

    private record Tokens(String access, String refresh) {}

    private static Tokens codeFlow(
            OAuthTestClient browser,
            String clientId,
            String secret,
            String redirect,
            String username,
            String password) {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(clientId, redirect, "openid profile api.read").pkce(pkce), username, password);
        assertThat(result.code()).as("authorization code").isNotNull();
        Response token = browser.exchangeCodeBasic(clientId, secret, result.code(), redirect, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        Map<String, Object> json = token.json();
        assertThat(json).containsKey("refresh_token");
        return new Tokens((String) json.get("access_token"), (String) json.get("refresh_token"));
    }

    /** The legacy password grant (RFC 6749 4.3) of the test profile's opted-in client. */
    private Response passwordGrant(String username, String password) {
        return client().postForm(
                        "/oauth2/token",
                        Map.of("grant_type", "password", "username", username, "password", password),
                        "legacy-app",
                        "legacy-secret-0123456789-0123456789");
    }

    private Map<String, Object> introspect(String accessToken) {
        return client().introspect(TestData.WEB, TestData.WEB_SECRET, accessToken);
    }

    /** A passkey row as the webauthn module stores it, for the user's handle. */
    private void insertPasskey(String userId) {
        String handle =
                this.jdbc.queryForObject("SELECT user_handle FROM phoenix_user WHERE id = ?", String.class, userId);
        this.jdbc.update(
                "INSERT INTO webauthn_credential (credential_id, user_handle, public_key_cose, signature_count,"
                        + " transports, backup_eligible, backup_state, uv_initialized, aaguid, attestation_format,"
                        + " name, created_at) VALUES (?, ?, ?, 0, 'internal', FALSE, FALSE, TRUE, ?, 'none', ?,"
                        + " CURRENT_TIMESTAMP)",
                userId.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Base64.getUrlDecoder().decode(handle),
                new byte[] {1, 2, 3},
                new byte[16],
                "scim-" + userId);
    }

    private int passkeys(String userId) {
        return this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM webauthn_credential WHERE name = ?", Integer.class, "scim-" + userId);
    }

    private int count(String table, String column, String value) {
        return this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", Integer.class, value);
    }
}
