package com.phoenixidp.authserver.scim;

import static com.phoenixidp.authserver.scim.ScimTestClient.assertScimError;
import static com.phoenixidp.authserver.scim.ScimTestClient.patchOp;
import static com.phoenixidp.authserver.scim.ScimTestClient.resources;
import static com.phoenixidp.authserver.scim.ScimTestClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SCIM protocol around the resources: discovery (RFC 7644 section 4), access (bearer token
 * with scope phoenix.admin), media types, unknown paths and methods, and malformed input, which
 * is always a 4xx SCIM error, never a 500.
 */
class ScimProtocolIntegrationTest extends AuthServerIntegrationTest {

    private ScimTestClient scim;

    @BeforeEach
    void signIn() {
        this.scim = ScimTestClient.admin(baseUrl());
    }

    @Test
    void serviceProviderConfigWhenReadThenDeclaresSupportedFeatures() {
        Response response = this.scim.get("/scim/v2/ServiceProviderConfig");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying((t) -> assertThat(t).startsWith("application/scim+json"));
        Map<String, Object> config = response.json();
        assertThat(config)
                .containsEntry("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"))
                .containsEntry("patch", Map.of("supported", true))
                .containsEntry("filter", Map.of("supported", true, "maxResults", 1000))
                .containsEntry("changePassword", Map.of("supported", true))
                .containsEntry("etag", Map.of("supported", true))
                .containsEntry("sort", Map.of("supported", false))
                .containsEntry("bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0));
        assertThat(config.get("authenticationSchemes").toString()).contains("oauthbearertoken");
        assertScimError(this.scim.get("/scim/v2/ServiceProviderConfig?filter=x"), 403, null);
    }

    @Test
    void resourceTypesAndSchemasWhenReadThenUserGroupAndPhoenixExtension() {
        Response types = this.scim.get("/scim/v2/ResourceTypes");
        assertThat(types.json()).containsEntry("totalResults", 2);
        assertThat(resources(types)).extracting((t) -> t.get("endpoint")).containsExactly("/Users", "/Groups");
        assertThat(this.scim
                        .get("/scim/v2/ResourceTypes/User")
                        .json()
                        .get("schemaExtensions")
                        .toString())
                .contains("urn:phoenixidp:scim:schemas:extension:2.0:User");

        Response schemas = this.scim.get("/scim/v2/Schemas");
        assertThat(resources(schemas))
                .extracting((s) -> s.get("id"))
                .containsExactly(
                        "urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:ietf:params:scim:schemas:core:2.0:Group",
                        "urn:phoenixidp:scim:schemas:extension:2.0:User");
        Map<String, Object> extension = this.scim
                .get("/scim/v2/Schemas/urn:phoenixidp:scim:schemas:extension:2.0:User")
                .json();
        assertThat(extension.get("attributes").toString()).contains("name=source", "mutability=readOnly");
        Map<String, Object> user = this.scim
                .get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User")
                .json();
        assertThat(user.get("attributes").toString()).contains("name=password", "returned=never");
        assertScimError(this.scim.get("/scim/v2/Schemas/urn:nope"), 404, null);
        assertScimError(this.scim.get("/scim/v2/ResourceTypes/Device"), 404, null);
    }

    @Test
    void requestWhenNoTokenThen401WithBearerChallengeAndScimError() {
        Response response = ScimTestClient.withToken(baseUrl(), null).get("/scim/v2/Users");

        assertScimError(response, 401, null);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));
        assertScimError(ScimTestClient.withToken(baseUrl(), "not-a-jwt").get("/scim/v2/Users"), 401, null);
    }

    @Test
    void requestWhenTokenHasOtherScopeThen403() {
        String token = ScimTestClient.accessToken(baseUrl(), TestData.SERVICE, TestData.SERVICE_SECRET, "api.read");
        ScimTestClient service = ScimTestClient.withToken(baseUrl(), token);

        Response response = service.get("/scim/v2/Users");

        assertScimError(response, 403, null);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).contains("insufficient_scope"));
        assertScimError(service.post("/scim/v2/Users", "{\"userName\":\"" + uniqueName("scim-403") + "\"}"), 403, null);
    }

    @Test
    void requestWhenContentTypeIsJsonThenAcceptedAndWhenOtherThen415() {
        String name = uniqueName("scim-json");
        Response json = this.scim.send(
                "POST", "/scim/v2/Users", "application/json; charset=utf-8", "{\"userName\":\"" + name + "\"}");
        assertThat(json.status()).as(json.body()).isEqualTo(201);
        assertThat(json.header("Content-Type"))
                .hasValueSatisfying((t) -> assertThat(t).startsWith("application/scim+json"));

        assertScimError(this.scim.send("POST", "/scim/v2/Users", "text/plain", "{\"userName\":\"x\"}"), 415, null);
        assertScimError(this.scim.send("POST", "/scim/v2/Users", null, "{\"userName\":\"x\"}"), 415, null);
        assertScimError(this.scim.send("POST", "/scim/v2/Users", "application/xml", "<x/>"), 415, null);
        assertScimError(this.scim.send("POST", "/scim/v2/Users", "no/such;;type", "{}"), 415, null);
    }

    @Test
    void requestWhenUnknownPathOrMethodThen404Or405() {
        assertScimError(this.scim.get("/scim/v2/Devices"), 404, null);
        assertScimError(this.scim.get("/scim/v2"), 404, null);
        assertScimError(this.scim.get("/scim/v1/Users"), 404, null);
        Response delete = this.scim.delete("/scim/v2/Users");
        assertScimError(delete, 405, null);
        assertThat(delete.header("Allow"))
                .hasValueSatisfying((h) -> assertThat(h).contains("GET", "POST"));
        assertScimError(this.scim.post("/scim/v2/Users/some-id", "{}"), 405, null);
        assertScimError(
                this.scim.send("PUT", "/scim/v2/ServiceProviderConfig", "application/scim+json", "{}"), 405, null);
    }

    @Test
    void requestWhenBodyMalformedThen400NeverA500() {
        String user = "/scim/v2/Users/"
                + this.scim.createUser(uniqueName("scim-junk"), null).get("id");
        String group =
                "/scim/v2/Groups/" + this.scim.createGroup(uniqueName("Junk")).get("id");

        for (String body : List.of(
                "",
                "{",
                "[]",
                "null",
                "42",
                "\"x\"",
                "{\"userName\":\"a\"} trailing",
                "{\"userName\":\"a\",\"userName\":\"b\"}")) {
            assertScimError(this.scim.post("/scim/v2/Users", body), 400, "invalidSyntax");
            assertScimError(this.scim.patch(user, body), 400, "invalidSyntax");
        }
        for (String body : List.of(
                "{\"userName\":null}",
                "{\"userName\":1e999999}",
                "{\"userName\":123456789012345678901234567890}",
                "{\"userName\":{}}",
                "{\"userName\":\"" + uniqueName("scim-j") + "\",\"name\":\"x\"}",
                "{\"userName\":\"" + uniqueName("scim-j") + "\",\"name\":{\"givenName\":[]}}",
                "{\"userName\":\"" + uniqueName("scim-j") + "\",\"emails\":{\"value\":5}}",
                "{\"userName\":\"" + uniqueName("scim-j") + "\",\"emails\":[null]}",
                "{\"userName\":\"" + uniqueName("scim-j") + "\",\"active\":null,\"password\":7}",
                "{\"userName\":\"" + uniqueName("scim-j") + "\",\"displayName\":\"" + "d".repeat(5000) + "\"}",
                "{\"userName\":\"" + "u".repeat(300) + "\"}",
                "{\"userName\":\"" + uniqueName("scim-j") + "\",\"password\":\"" + "p".repeat(2000) + "\"}")) {
            Response response = this.scim.post("/scim/v2/Users", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertScimError(response, 400, "invalidValue");
        }
        for (String operations : List.of(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":null}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[[]]}",
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":1e99999}",
                "{\"op\":\"replace\",\"value\":{\"externalId\":\"" + "e".repeat(300) + "\"}}")) {
            Response response = this.scim.patch(group, patchOp(operations));
            assertThat(response.status())
                    .as(operations + ": " + response.body())
                    .isEqualTo(400);
        }
        for (String query : List.of(
                "filter=" + "(".repeat(500),
                "filter=%22",
                "filter=userName%20eq%20%22%5Cu%22",
                "startIndex=1e3",
                "count=-99999999999999999999999",
                "filter=id%20eq%20%22" + "i".repeat(3000) + "%22")) {
            Response response = this.scim.get("/scim/v2/Users?" + query);
            assertThat(response.status()).as(query).isBetween(200, 499);
            assertThat(response.header("Content-Type"))
                    .hasValueSatisfying((t) -> assertThat(t).startsWith("application/scim+json"));
        }
    }
}
