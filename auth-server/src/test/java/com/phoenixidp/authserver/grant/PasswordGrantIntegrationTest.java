package com.phoenixidp.authserver.grant;

import static com.phoenixidp.authserver.TestData.WEB;
import static com.phoenixidp.authserver.TestData.WEB_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The legacy resource-owner password grant (RFC 6749 section 4.3): only for a client registered
 * for it, the password checked and throttled as on the login page, refused for MFA accounts.
 */
class PasswordGrantIntegrationTest extends AuthServerIntegrationTest {

    private static final String LEGACY = "legacy-app";

    private static final String LEGACY_SECRET = "legacy-secret-0123456789-0123456789";

    @Test
    void passwordGrantWhenClientOptedInThenTokensWithUserIdentity() {
        OAuthTestClient client = client();

        Response response = password(client, LEGACY, LEGACY_SECRET, "gina", "gina-password-12", "openid api.read");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Object> tokens = response.json();
        assertThat(tokens).containsKeys("access_token", "refresh_token").containsEntry("token_type", "Bearer");
        JWTClaimsSet access = OAuthTestClient.verifiedClaims((String) tokens.get("access_token"), client.jwks());
        assertThat(access.getSubject()).isEqualTo("gina");
        assertThat(access.getClaim("client_id")).isEqualTo(LEGACY);
        assertThat(access.getClaim("scope").toString()).contains("api.read");
        assertThat(client.introspect(LEGACY, LEGACY_SECRET, (String) tokens.get("access_token")))
                .containsEntry("active", true)
                .containsEntry("sub", "gina");
        Response refreshed = client.refreshBasic(LEGACY, LEGACY_SECRET, (String) tokens.get("refresh_token"));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    }

    @Test
    void passwordGrantWhenClientNotOptedInThenUnauthorizedClient() {
        Response response = password(client(), WEB, WEB_SECRET, "gina", "gina-password-12", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "unauthorized_client");
    }

    @Test
    void passwordGrantWhenWrongPasswordThenInvalidGrantAndCountedUntilLocked() throws InterruptedException {
        OAuthTestClient client = client();
        for (int i = 0; i < 3; i++) {
            Response wrong = password(client, LEGACY, LEGACY_SECRET, "lars", "not-the-password", null);
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.json()).containsEntry("error", "invalid_grant");
            assertThat(wrong.body()).doesNotContain("not-the-password");
        }

        Response locked = password(client, LEGACY, LEGACY_SECRET, "lars", "lars-password-12", null);
        assertThat(locked.json()).containsEntry("error", "invalid_grant");
        assertThat(OAuthTestClient.loginSucceeded(client().login("lars", "lars-password-12")))
                .isFalse();

        // the lock (2 s in the test profile) lifts by itself: wait for it, at most 10 s
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(250);
            status = password(client, LEGACY, LEGACY_SECRET, "lars", "lars-password-12", null)
                    .status();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }

    @Test
    void passwordGrantWhenAccountRequiresPasskeyThenInvalidGrant() {
        Response response = password(client(), LEGACY, LEGACY_SECRET, "mfa-grant-user", "mfa-grant-password-1", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "invalid_grant");
    }

    @Test
    void passwordGrantWhenUnknownUserThenInvalidGrant() {
        Response response = password(client(), LEGACY, LEGACY_SECRET, "nobody-here", "whatever-password", null);

        assertThat(response.json()).containsEntry("error", "invalid_grant");
    }

    static Response password(
            OAuthTestClient client, String clientId, String secret, String username, String password, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        if (scope != null) {
            form.put("scope", scope);
        }
        return client.postForm("/oauth2/token", form, clientId, secret);
    }
}
