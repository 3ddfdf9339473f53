package com.phoenixidp.authserver.admin;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin API for clients ({@code /admin/clients}, scope {@code phoenix.admin}) over HTTP:
 * bootstrap field names in and out, secrets shown once and never again, JSON errors; disabling
 * a client (refused at every endpoint, its tokens revoked) and enabling it again.
 */
@SuppressWarnings("unchecked")
class ClientAdminIntegrationTest extends AuthServerIntegrationTest {

    private final OAuthTestClient http = client();

    @Test
    void createWhenNoSecretGivenThenGeneratedSecretReturnedOnceAndTokenWorksAtOnce() {
        String clientId = newClientId();

        Response created = call("POST", "/admin/clients", serviceClient(clientId));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json())
                .containsEntry("client-id", clientId)
                .containsEntry("grant-types", List.of("client_credentials"))
                .containsEntry("auth-methods", List.of("client_secret_basic"))
                .containsEntry("scopes", List.of("api.read"))
                .containsKey("client-id-issued-at");
        String secret = (String) created.json().get("client-secret");
        assertThat(secret).hasSize(43);
        assertThat(client().clientCredentialsBasic(clientId, secret, "api.read").status())
                .isEqualTo(200);
        assertThat(call("GET", "/admin/clients/" + clientId, null).json()).doesNotContainKey("client-secret");
    }

    @Test
    void readAndListWhenClientsHaveSecretsThenNeverShowSecretOrItsHash() {
        Response one = call("GET", "/admin/clients/" + WEB, null);
        Response all = call("GET", "/admin/clients", null);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json())
                .containsEntry("client-id", WEB)
                .containsEntry("redirect-uris", List.of(WEB_REDIRECT))
                .containsEntry("require-consent", false)
                .doesNotContainKey("client-secret");
        assertThat(all.status()).isEqualTo(200);
        List<Map<String, Object>> clients =
                (List<Map<String, Object>>) all.json().get("clients");
        assertThat(clients).extracting((c) -> c.get("client-id")).contains(WEB, SERVICE, SPA, ADMIN_TOOL);
        for (Response response : List.of(one, all)) {
            assertThat(response.body()).doesNotContain(WEB_SECRET, SERVICE_SECRET, "hmac", "client-secret");
        }
    }

    @Test
    void replaceWhenNoSecretGivenThenCurrentSecretKeptAndChangesApplied() {
        String clientId = newClientId();
        String secret = "chosen-secret-0123456789-0123456789-x";
        Map<String, Object> body = serviceClient(clientId);
        body.put("client-secret", secret);
        assertThat(call("POST", "/admin/clients", body).status()).isEqualTo(201);
        Map<String, Object> current =
                call("GET", "/admin/clients/" + clientId, null).json();

        current.put("scopes", List.of("api.read", "api.write"));
        current.put("access-token-ttl", "2m");
        Response replaced = call("PUT", "/admin/clients/" + clientId, current);

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json())
                .containsEntry("scopes", List.of("api.read", "api.write"))
                .containsEntry("access-token-ttl", "PT2M")
                .doesNotContainKey("client-secret");
        Response token = client().clientCredentialsBasic(clientId, secret, "api.write");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(((Number) token.json().get("expires_in")).intValue())
                .as("the new access-token-ttl")
                .isBetween(100, 120);
    }

    @Test
    void rotateSecretWhenCalledThenNewSecretOnceOldOneRefusedAtOnce() {
        String clientId = newClientId();
        String oldSecret = (String)
                call("POST", "/admin/clients", serviceClient(clientId)).json().get("client-secret");
        assertThat(client().clientCredentialsBasic(clientId, oldSecret, null).status())
                .isEqualTo(200);

        Response rotated = call("POST", "/admin/clients/" + clientId + "/secret", null);

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = (String) rotated.json().get("client-secret");
        assertThat(newSecret).hasSize(43).isNotEqualTo(oldSecret);
        Response old = client().clientCredentialsBasic(clientId, oldSecret, null);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.json()).containsEntry("error", "invalid_client");
        assertThat(client().clientCredentialsBasic(clientId, newSecret, null).status())
                .isEqualTo(200);
    }

    @Test
    void deleteWhenClientExistsThenGoneWithItsTokens() {
        String clientId = newClientId();
        String secret = (String)
                call("POST", "/admin/clients", serviceClient(clientId)).json().get("client-secret");
        String accessToken = (String)
                client().clientCredentialsBasic(clientId, secret, null).json().get("access_token");

        Response deleted = call("DELETE", "/admin/clients/" + clientId, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(call("GET", "/admin/clients/" + clientId, null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/admin/clients/" + clientId, null).status()).isEqualTo(404);
        assertThat(client().clientCredentialsBasic(clientId, secret, null).status())
                .isEqualTo(401);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, accessToken)).containsEntry("active", false);
        assertThat(client().get("/oauth2/revoked-tokens").body())
                .as("resource servers learn the deleted client's live (stateless) access tokens are revoked")
                .containsPattern(clientEntry(clientId));
    }

    @Test
    void createWhenClientIdTakenThenConflict() {
        Response response = call("POST", "/admin/clients", serviceClient(SERVICE));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json()).containsEntry("error", "conflict").containsEntry("field", "client-id");
    }

    @Test
    void everyEndpointWhenClientUnknownThenNotFound() {
        String path = "/admin/clients/no-such-client";
        List<Response> responses = List.of(
                call("GET", path, null),
                call("PUT", path, serviceClient("no-such-client")),
                call("DELETE", path, null),
                call("POST", path + "/secret", null));

        for (Response response : responses) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.json()).containsEntry("error", "not_found");
        }
    }

    @Test
    void createWhenBodyMalformedInvalidOrUnknownFieldThenBadRequestNamingTheField() {
        Map<String, Object> fragment = serviceClient(newClientId());
        fragment.put("grant-types", List.of("authorization_code"));
        fragment.put("redirect-uris", List.of("https://app.example.com/cb#frag"));
        Map<String, Object> typo = serviceClient(newClientId());
        typo.put("redirect_uris", List.of("https://app.example.com/cb"));
        Map<String, Object> wrongType = serviceClient(newClientId());
        wrongType.put("scopes", "api.read");

        Response malformed =
                this.http.post("/admin/clients", "application/json", "{\"client-id\": ", "Authorization", bearer());
        Response invalid = call("POST", "/admin/clients", fragment);
        Response unknown = call("POST", "/admin/clients", typo);
        Response mistyped = call("POST", "/admin/clients", wrongType);

        for (Response response : List.of(malformed, invalid, unknown, mistyped)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json())
                    .containsEntry("error", "invalid_request")
                    .containsKey("error_description");
            assertThat(response.body()).doesNotContain("Exception", "at com.");
        }
        assertThat(invalid.json()).containsEntry("field", "redirect-uris");
        assertThat(unknown.json()).containsEntry("field", "redirect_uris");
        assertThat(mistyped.json()).containsEntry("field", "scopes");
    }

    @Test
    void anyEndpointWhenNoTokenOrNoAdminScopeThenUnauthorizedOrForbidden() {
        String serviceToken = (String) client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                .json()
                .get("access_token");

        Response anonymous = this.http.get("/admin/clients");
        Response notAdmin = this.http.get("/admin/clients", "Authorization", "Bearer " + serviceToken);
        Response notAdminCreate = this.http.post(
                "/admin/clients",
                "application/json",
                OAuthTestClient.toJson(serviceClient(newClientId())),
                "Authorization",
                "Bearer " + serviceToken);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdminCreate.status()).isEqualTo(403);
    }

    @Test
    void createAndReplaceWhenProtocolOptionsGivenThenStoredAndShownByTheirBootstrapNames() {
        String clientId = newClientId();
        Map<String, Object> body = serviceClient(clientId);
        body.put("resource-uris", List.of("https://orders.example.com/", "https://billing.example.com/"));
        body.put("access-token-signature-algorithm", "EdDSA");
        body.put("id-token-signature-algorithm", "ES256");
        body.put("require-dpop", true);

        Response created = call("POST", "/admin/clients", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json())
                .containsEntry("resource-uris", List.of("https://orders.example.com/", "https://billing.example.com/"))
                .containsEntry("access-token-signature-algorithm", "EdDSA")
                .containsEntry("id-token-signature-algorithm", "ES256")
                .containsEntry("require-dpop", true)
                .containsEntry("require-pushed-authorization-requests", false);
        body.remove("require-dpop");
        body.put("access-token-signature-algorithm", "HS256");
        Response refused = call("PUT", "/admin/clients/" + clientId, body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("access-token-signature-algorithm");
        body.remove("access-token-signature-algorithm");
        Response replaced = call("PUT", "/admin/clients/" + clientId, body);
        assertThat(replaced.json())
                .as("an option left out takes its default")
                .containsEntry("access-token-signature-algorithm", "RS256")
                .containsEntry("require-dpop", false);
        Response defaults = call("GET", "/admin/clients/" + SERVICE, null);
        assertThat(defaults.json())
                .containsEntry("resource-uris", List.of())
                .containsEntry("access-token-signature-algorithm", "RS256")
                .containsEntry("id-token-signature-algorithm", "RS256");
    }

    @Test
    void disableWhenTokensIssuedThenRefusedEverywhereTokensRevokedAndEnableBringsNoneBack() {
        String clientId = newClientId();
        String redirect = "http://localhost:8080/disabled-cb";
        Map<String, Object> body = serviceClient(clientId);
        body.put("grant-types", List.of("authorization_code", "refresh_token", "client_credentials"));
        body.put("redirect-uris", List.of(redirect));
        body.put("scopes", List.of("openid", "api.read"));
        body.put("require-consent", false);
        Response created = call("POST", "/admin/clients", body);
        assertThat(created.json()).as(created.body()).containsEntry("enabled", true);
        String secret = (String) created.json().get("client-secret");
        String serviceToken = accessToken(client().clientCredentialsBasic(clientId, secret, "api.read"));
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        var code = browser.authorize(
                new AuthorizationRequest(clientId, redirect, "openid api.read").pkce(pkce), ALICE, ALICE_PASSWORD);
        Response tokens = browser.exchangeCodeBasic(clientId, secret, code.code(), redirect, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String userToken = accessToken(tokens);
        String refreshToken = (String) tokens.json().get("refresh_token");

        Response disabled = call("POST", "/admin/clients/" + clientId + "/disable", null);

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json()).containsEntry("client-id", clientId).containsEntry("enabled", false);
        assertThat(call("GET", "/admin/clients/" + clientId, null).json())
                .as("kept, and shown to the admin")
                .containsEntry("enabled", false);
        // every client authentication of it fails: token (new grant and refresh), introspection, revocation, PAR
        List<Response> refused = List.of(
                client().clientCredentialsBasic(clientId, secret, "api.read"),
                client().refreshBasic(clientId, secret, refreshToken),
                client().postForm("/oauth2/introspect", Map.of("token", userToken), clientId, secret),
                client().revoke(clientId, secret, userToken, null),
                client().postForm(
                                "/oauth2/par",
                                Map.of(
                                        "response_type", "code",
                                        "redirect_uri", redirect,
                                        "scope", "openid",
                                        "code_challenge", pkce.challenge(),
                                        "code_challenge_method", "S256"),
                                clientId,
                                secret));
        for (Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.json()).containsEntry("error", "invalid_client");
        }
        // everything issued to it is revoked, for resource servers too: the user's token by its jti,
        // the client's own (stateless) client-credentials tokens by the client's not_before
        String revocationList = client().get("/oauth2/revoked-tokens").body();
        for (String token : List.of(serviceToken, userToken)) {
            assertThat(client().introspect(SERVICE, SERVICE_SECRET, token)).containsEntry("active", false);
        }
        assertThat(revocationList).contains("\"" + jti(userToken) + "\"");
        assertThat(revocationList).containsPattern(clientEntry(clientId));
        // the authorization endpoint: the error page, never a redirect to the client
        var authorize = client().authorize(
                        new AuthorizationRequest(clientId, redirect, "openid").pkce(OAuthTestClient.pkce()),
                        ALICE,
                        ALICE_PASSWORD);
        assertThat(authorize.redirectedToClient()).isFalse();
        assertThat(authorize.lastResponse().status()).isEqualTo(400);
        assertThat(authorize.lastResponse().body()).contains("This sign-in request was rejected");

        Response enabled = call("POST", "/admin/clients/" + clientId + "/enable", null);

        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json()).containsEntry("enabled", true);
        Response fresh = client().clientCredentialsBasic(clientId, secret, "api.read");
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, accessToken(fresh)))
                .containsEntry("active", true);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, serviceToken))
                .as("the old token stays revoked")
                .containsEntry("active", false);
        assertThat(client().get("/oauth2/revoked-tokens").body()).contains("\"client_id\":\"" + clientId + "\"");
        Response oldRefresh = client().refreshBasic(clientId, secret, refreshToken);
        assertThat(oldRefresh.status()).isEqualTo(400);
        assertThat(oldRefresh.json()).containsEntry("error", "invalid_grant");
        assertThat(auditTypes(clientId)).containsExactly("client.enabled", "client.disabled", "client.created");
    }

    @Test
    void replaceWhenEnabledFalseThenDisabledWithTokensRevokedAndEnabledLeftOutMeansEnabled() {
        String clientId = newClientId();
        String secret = (String)
                call("POST", "/admin/clients", serviceClient(clientId)).json().get("client-secret");
        String token = accessToken(client().clientCredentialsBasic(clientId, secret, null));
        Map<String, Object> current =
                call("GET", "/admin/clients/" + clientId, null).json();

        current.put("enabled", false);
        Response replaced = call("PUT", "/admin/clients/" + clientId, current);

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json()).containsEntry("enabled", false);
        assertThat(client().clientCredentialsBasic(clientId, secret, null).status())
                .isEqualTo(401);
        assertThat(client().get("/oauth2/revoked-tokens").body()).containsPattern(clientEntry(clientId));
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, token)).containsEntry("active", false);
        assertThat(call("PUT", "/admin/clients/" + clientId, current).status())
                .as("unchanged: no event")
                .isEqualTo(200);
        current.remove("enabled");
        assertThat(call("PUT", "/admin/clients/" + clientId, current).json()).containsEntry("enabled", true);
        assertThat(client().clientCredentialsBasic(clientId, secret, null).status())
                .isEqualTo(200);
        assertThat(auditTypes(clientId))
                .as("the switch alone: its own events, no client.updated")
                .containsExactly("client.enabled", "client.disabled", "client.created");
        Map<String, Object> wrongType = new LinkedHashMap<>(current);
        wrongType.put("enabled", "no");
        Response mistyped = call("PUT", "/admin/clients/" + clientId, wrongType);
        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.json()).containsEntry("field", "enabled");
        assertThat(call("POST", "/admin/clients/no-such-client/disable", null).status())
                .isEqualTo(404);
    }

    @Test
    void bootstrapWhenEnabledFalseThenClientShownDisabledAndItsAuthenticationRefused() {
        Response shown = call("GET", "/admin/clients/disabled-device", null);
        Response deviceAuthorization = client().postForm(
                        "/oauth2/device_authorization", Map.of("client_id", "disabled-device", "scope", "api.read"));
        Response enabledOne = client().postForm(
                        "/oauth2/device_authorization", Map.of("client_id", "device-short", "scope", "api.read"));

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json()).containsEntry("enabled", false);
        assertThat(deviceAuthorization.status()).as(deviceAuthorization.body()).isEqualTo(401);
        assertThat(deviceAuthorization.json()).containsEntry("error", "invalid_client");
        assertThat(enabledOne.status()).as(enabledOne.body()).isEqualTo(200);
    }

    private List<String> auditTypes(String clientId) {
        Response events = call("GET", "/admin/audit?client=" + clientId + "&type=client", null);
        assertThat(events.status()).as(events.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) events.json().get("events"))
                .stream().map((e) -> (String) e.get("type")).toList();
    }

    private static String accessToken(Response tokens) {
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return (String) tokens.json().get("access_token");
    }

    private String jti(String accessToken) {
        try {
            return OAuthTestClient.verifiedClaims(accessToken, client().jwks()).getJWTID();
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private Response call(String method, String path, Map<String, Object> body) {
        return this.http.send(
                method,
                path,
                (body != null) ? "application/json" : null,
                (body != null) ? OAuthTestClient.toJson(body) : null,
                "Authorization",
                bearer());
    }

    private String bearer() {
        Response token = client().clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return "Bearer " + token.json().get("access_token");
    }

    private static Map<String, Object> serviceClient(String clientId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client-id", clientId);
        body.put("client-name", "Admin-made service");
        body.put("grant-types", List.of("client_credentials"));
        body.put("auth-methods", List.of("client_secret_basic"));
        body.put("scopes", List.of("api.read"));
        return body;
    }

    private static String newClientId() {
        return "admin-made-" + UUID.randomUUID();
    }

    /** The revocation list's entry for a client whose tokens were all revoked (client-credentials tokens are stateless). */
    private static String clientEntry(String clientId) {
        return "\\{\"client_id\":\"" + java.util.regex.Pattern.quote(clientId) + "\",\"not_before\":\\d+,\"exp\":\\d+}";
    }
}
