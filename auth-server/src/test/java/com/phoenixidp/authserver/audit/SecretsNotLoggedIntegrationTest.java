package com.phoenixidp.authserver.audit;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The log (audit stream included) never carries secrets, passwords or token values. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void logWhenLoginTokenRefreshRevokeAndFailuresThenNoSecretPasswordOrTokenValue(CapturedOutput output) {
        OAuthTestClient browser = client();
        List<String> secrets = new ArrayList<>(List.of(ALICE_PASSWORD, WEB_SECRET, SERVICE_SECRET));
        String wrongPassword = "typo-" + ALICE_PASSWORD;
        secrets.add(wrongPassword);
        assertThat(browser.login(ALICE, wrongPassword).location()).endsWith("/login?error");
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid email").pkce(pkce), ALICE, ALICE_PASSWORD);
        secrets.add(result.code());
        Map<String, Object> tokens = browser.exchangeCodeBasic(
                        WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier())
                .json();
        secrets.add((String) tokens.get("access_token"));
        secrets.add((String) tokens.get("refresh_token"));
        secrets.add((String) tokens.get("id_token"));
        Response refreshed = browser.refreshBasic(WEB, WEB_SECRET, (String) tokens.get("refresh_token"));
        secrets.add((String) refreshed.json().get("access_token"));
        secrets.add((String) refreshed.json().get("refresh_token"));
        browser.refreshBasic(WEB, WEB_SECRET, (String) tokens.get("refresh_token"));
        Response clientToken = browser.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");
        secrets.add((String) clientToken.json().get("access_token"));
        browser.revoke(SERVICE, SERVICE_SECRET, (String) clientToken.json().get("access_token"), null);
        String wrongSecret = SERVICE_SECRET + "-wrong";
        secrets.add(wrongSecret);
        browser.clientCredentialsBasic(SERVICE, wrongSecret, null);
        browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());

        String log = output.getAll();
        assertThat(log)
                .as("the audit stream was captured")
                .contains(
                        "event=token.issued", "event=login.failed", "event=token.refresh_reuse", "event=token.revoked");
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(log).doesNotContain(secret);
            // a JWT's signature alone identifies it
            if (secret.chars().filter((c) -> c == '.').count() == 2) {
                assertThat(log).doesNotContain(secret.substring(secret.lastIndexOf('.') + 1));
            }
        }
    }
}
