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
        waitOutLoginBackoff(1);
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

    @Test
    void logWhenClientsRegisteredManagedRotatedAndDeletedThenAuditedWithActorButNoSecretOrToken(CapturedOutput output) {
        OAuthTestClient http = client();
        List<String> secrets = new ArrayList<>();
        String initial = accessToken(http, REGISTRAR, REGISTRAR_SECRET, "client.create");
        secrets.add(initial);
        Response registered = http.post(
                "/connect/register",
                "application/json",
                OAuthTestClient.toJson(Map.of("grant_types", List.of("client_credentials"), "scope", "api.read")),
                "Authorization",
                "Bearer " + initial);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String registrationToken = (String) registered.json().get("registration_access_token");
        String uri = (String) registered.json().get("registration_client_uri");
        secrets.add((String) registered.json().get("client_secret"));
        secrets.add(registrationToken);
        http.get(uri, "Authorization", "Bearer " + registrationToken + "-wrong");
        assertThat(http.send("DELETE", uri, null, null, "Authorization", "Bearer " + registrationToken)
                        .status())
                .isEqualTo(204);
        String admin = accessToken(http, ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        secrets.add(admin);
        String chosen = "admin-chosen-secret-0123456789-0123456789";
        secrets.add(chosen);
        Response created = http.post(
                "/admin/clients",
                "application/json",
                OAuthTestClient.toJson(Map.of(
                        "client-id",
                        "logged-client",
                        "client-secret",
                        chosen,
                        "grant-types",
                        List.of("client_credentials"))),
                "Authorization",
                "Bearer " + admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response rotated =
                http.post("/admin/clients/logged-client/secret", null, "", "Authorization", "Bearer " + admin);
        secrets.add((String) rotated.json().get("client-secret"));
        http.send("DELETE", "/admin/clients/logged-client", null, null, "Authorization", "Bearer " + admin);

        String log = output.getAll();
        assertThat(log)
                .contains("event=client.created actor=registrar channel=registration")
                .contains("event=client.created actor=admin-tool channel=admin-api")
                .contains("event=client.secret_rotated actor=admin-tool channel=admin-api")
                .contains("event=client.deleted actor=admin-tool channel=admin-api");
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(log).doesNotContain(secret);
        }
    }

    private static String accessToken(OAuthTestClient http, String clientId, String secret, String scope) {
        Response response = http.clientCredentialsBasic(clientId, secret, scope);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }
}
