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
 * for it, the password checked and throttled as on the login page (429 with {@code Retry-After}
 * during the back-off), refused for MFA accounts.
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
    void passwordGrantWhenWrongPasswordThenInvalidGrantAndDuringBackoffTooManyRequestsWithRetryAfter() {
        OAuthTestClient client = client().withHeader("X-Forwarded-For", "192.0.2.41");
        Response wrong = password(client, LEGACY, LEGACY_SECRET, "lars", "not-the-password", null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json()).containsEntry("error", "invalid_grant");
        assertThat(wrong.body()).doesNotContain("not-the-password");

        // within the 1 s back-off the right password is not even checked
        Response throttled = password(client, LEGACY, LEGACY_SECRET, "lars", "lars-password-12", null);

        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).hasValue("1");
        assertThat(throttled.header("Cache-Control")).hasValue("no-store");
        assertThat(throttled.json())
                .containsEntry("error", "invalid_grant")
                .containsEntry("error_description", "too many attempts, retry later");
        waitOutLoginBackoff(1);
        Response accepted = password(client, LEGACY, LEGACY_SECRET, "lars", "lars-password-12", null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }

    @Test
    void passwordGrantWhenUnknownUserThenThrottledExactlyAsAKnownOne() {
        OAuthTestClient client = client().withHeader("X-Forwarded-For", "192.0.2.42");
        String nobody = "nobody-" + OAuthTestClient.randomToken().substring(0, 8);

        Response first = password(client, LEGACY, LEGACY_SECRET, nobody, "whatever-password", null);
        Response second = password(client, LEGACY, LEGACY_SECRET, nobody, "whatever-password", null);

        assertThat(first.status()).isEqualTo(400);
        assertThat(first.json()).containsEntry("error", "invalid_grant");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.header("Retry-After")).hasValue("1");
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
