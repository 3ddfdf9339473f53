package com.phoenixidp.authserver.admin;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin API for clients ({@code /admin/clients}, scope {@code phoenix.admin}) over HTTP:
 * bootstrap field names in and out, secrets shown once and never again, JSON errors.
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
        String jti = (String)
                OAuthTestClient.verifiedClaims(accessToken, client().jwks()).getJWTID();
        assertThat(client().get("/oauth2/revoked-tokens").body())
                .as("resource servers learn the deleted client's live access token is revoked")
                .contains("\"" + jti + "\"");
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
}
