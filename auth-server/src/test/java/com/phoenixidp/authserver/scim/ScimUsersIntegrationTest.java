package com.phoenixidp.authserver.scim;

import static com.phoenixidp.authserver.scim.ScimTestClient.assertScimError;
import static com.phoenixidp.authserver.scim.ScimTestClient.patchOp;
import static com.phoenixidp.authserver.scim.ScimTestClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCIM Users over real HTTP (RFC 7644 section 3): create, read, replace, patch, delete. */
class ScimUsersIntegrationTest extends AuthServerIntegrationTest {

    private ScimTestClient scim;

    @BeforeEach
    void signIn() {
        this.scim = ScimTestClient.admin(baseUrl());
    }

    @Test
    void createWhenValidThen201WithLocationEtagAndResourceWithoutPassword() {
        String name = uniqueName("scim-create");
        Response response = this.scim.post(
                "/scim/v2/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name
                        + "\",\"password\":\"first-password-1\",\"externalId\":\"ext-" + name + "\","
                        + "\"name\":{\"givenName\":\"Barbara\",\"familyName\":\"Jensen\"},\"displayName\":\"Babs\","
                        + "\"emails\":[{\"value\":\"" + name + "@example.com\",\"type\":\"work\",\"primary\":true}],"
                        + "\"groups\":[{\"value\":\"ignored-read-only\"}],\"nickName\":\"ignored\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying((t) -> assertThat(t).startsWith("application/scim+json"));
        Map<String, Object> user = response.json();
        String id = (String) user.get("id");
        assertThat(response.location()).isEqualTo(baseUrl() + "/scim/v2/Users/" + id);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) user.get("meta");
        assertThat(response.header("ETag")).contains((String) meta.get("version"));
        assertThat((String) meta.get("version")).matches("W/\"\\d+\"");
        assertThat(meta)
                .containsEntry("resourceType", "User")
                .containsEntry("location", response.location())
                .containsKeys("created", "lastModified");
        assertThat(user)
                .containsEntry("userName", name)
                .containsEntry("displayName", "Babs")
                .containsEntry("externalId", "ext-" + name)
                .containsEntry("active", true)
                .containsEntry("name", Map.of("givenName", "Barbara", "familyName", "Jensen"))
                .containsEntry(
                        "emails", List.of(Map.of("value", name + "@example.com", "type", "work", "primary", true)))
                .containsEntry("groups", List.of())
                .containsEntry("urn:phoenixidp:scim:schemas:extension:2.0:User", Map.of("source", "local"))
                .doesNotContainKeys("password", "nickName");
        assertThat(response.body()).doesNotContain("first-password-1").doesNotContain("bcrypt");
        assertThat(user.get("schemas"))
                .isEqualTo(List.of(
                        "urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:phoenixidp:scim:schemas:extension:2.0:User"));

        Response read = this.scim.get("/scim/v2/Users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(user);
        assertThat(read.body()).doesNotContain("password");
        assertThat(OAuthTestClient.loginSucceeded(client().login(name, "first-password-1")))
                .isTrue();
    }

    @Test
    void createWhenUserNameTakenInOtherCaseThen409Uniqueness() {
        String name = uniqueName("scim-dup");
        this.scim.createUser(name, null);

        Response response = this.scim.post("/scim/v2/Users", "{\"userName\":\"" + name.toUpperCase() + "\"}");

        assertScimError(response, 409, "uniqueness");
    }

    @Test
    void createWhenValuesBreakRulesThen400InvalidValue() {
        assertScimError(this.scim.post("/scim/v2/Users", "{\"displayName\":\"no userName\"}"), 400, "invalidValue");
        assertScimError(this.scim.post("/scim/v2/Users", "{\"userName\":\"has space\"}"), 400, "invalidValue");
        assertScimError(
                this.scim.post(
                        "/scim/v2/Users", "{\"userName\":\"" + uniqueName("scim-pw") + "\",\"password\":\"short\"}"),
                400,
                "invalidValue");
        assertScimError(
                this.scim.post(
                        "/scim/v2/Users",
                        "{\"userName\":\"" + uniqueName("scim-m") + "\",\"emails\":[{\"value\":\"not-mail\"}]}"),
                400,
                "invalidValue");
        assertScimError(
                this.scim.post(
                        "/scim/v2/Users", "{\"userName\":\"" + uniqueName("scim-a") + "\",\"active\":\"perhaps\"}"),
                400,
                "invalidValue");
        assertScimError(this.scim.post("/scim/v2/Users", "{\"userName\":[\"a\"]}"), 400, "invalidValue");
    }

    @Test
    void readWhenUnknownIdThen404() {
        assertScimError(this.scim.get("/scim/v2/Users/no-such-id"), 404, null);
    }

    @Test
    void readWhenIfNoneMatchCurrentVersionThen304() {
        Map<String, Object> user = this.scim.createUser(uniqueName("scim-304"), null);
        String etag =
                this.scim.get("/scim/v2/Users/" + user.get("id")).header("ETag").orElseThrow();

        assertThat(this.scim
                        .get("/scim/v2/Users/" + user.get("id"), "If-None-Match", etag)
                        .status())
                .isEqualTo(304);
        assertThat(this.scim
                        .get("/scim/v2/Users/" + user.get("id"), "If-None-Match", "W/\"0\"")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void replaceWhenPutThenAttributesReplacedAndLeftOutOnesCleared() {
        String name = uniqueName("scim-put");
        Map<String, Object> user = this.scim.createUser(name, "put-password-123");
        String id = (String) user.get("id");

        Response response = this.scim.put(
                "/scim/v2/Users/" + id,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"ignored\",\"userName\":\""
                        + name + "\",\"displayName\":\"Replaced\",\"active\":true}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json())
                .containsEntry("id", id)
                .containsEntry("displayName", "Replaced")
                .doesNotContainKeys("name", "emails", "externalId");
        assertThat(OAuthTestClient.loginSucceeded(client().login(name, "put-password-123")))
                .as("PUT without password keeps the password")
                .isTrue();
    }

    @Test
    void changeWhenIfMatchStaleThen412AndWhenCurrentThenApplied() {
        Map<String, Object> user = this.scim.createUser(uniqueName("scim-etag"), null);
        String path = "/scim/v2/Users/" + user.get("id");
        String etag = this.scim.get(path).header("ETag").orElseThrow();
        String change = patchOp("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"First\"}");
        Response first = this.scim.patch(path, change, "If-Match", etag);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));

        assertScimError(
                this.scim.patch(
                        path,
                        patchOp("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Lost\"}"),
                        "If-Match",
                        etag),
                412,
                null);
        assertScimError(
                this.scim.put(path, "{\"userName\":\"" + user.get("userName") + "\"}", "If-Match", etag), 412, null);
        assertScimError(this.scim.delete(path, "If-Match", etag), 412, null);
        assertThat(this.scim.get(path).json()).containsEntry("displayName", "First");

        Response deleted =
                this.scim.delete(path, "If-Match", first.header("ETag").orElseThrow());
        assertThat(deleted.status()).isEqualTo(204);
    }

    @Test
    void patchWhenEntraReplaceActiveStringFalseThenInactiveAndPasswordLoginRefused() {
        String name = uniqueName("scim-entra");
        Map<String, Object> user = this.scim.createUser(name, "entra-password-1");

        Response response = this.scim.patch(
                "/scim/v2/Users/" + user.get("id"), patchOp("{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).containsEntry("active", false);
        assertThat(OAuthTestClient.loginSucceeded(client().login(name, "entra-password-1")))
                .isFalse();
    }

    @Test
    void patchWhenAddReplaceRemoveWithPathsThenApplied() {
        String name = uniqueName("scim-patch");
        Map<String, Object> user = this.scim.createUser(name, null);

        Response response = this.scim.patch(
                "/scim/v2/Users/" + user.get("id"),
                patchOp(
                        "{\"op\":\"Add\",\"path\":\"externalId\",\"value\":\"x-1\"}",
                        "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new-" + name
                                + "@example.com\"}",
                        "{\"op\":\"replace\",\"path\":\"name.familyName\",\"value\":\"Smith\"}",
                        "{\"op\":\"remove\",\"path\":\"displayName\"}",
                        "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + name + "-renamed\"}"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json())
                .containsEntry("externalId", "x-1")
                .containsEntry("userName", name + "-renamed")
                .containsEntry("name", Map.of("givenName", "Test", "familyName", "Smith"))
                .containsEntry(
                        "emails",
                        List.of(Map.of("value", "new-" + name + "@example.com", "type", "work", "primary", true)))
                .doesNotContainKey("displayName");
    }

    @Test
    void patchWhenRemovingRequiredOrReadOnlyOrUnknownThen400() {
        String path = "/scim/v2/Users/"
                + this.scim.createUser(uniqueName("scim-bad"), null).get("id");

        assertScimError(
                this.scim.patch(path, patchOp("{\"op\":\"remove\",\"path\":\"userName\"}")), 400, "invalidValue");
        assertScimError(this.scim.patch(path, patchOp("{\"op\":\"remove\",\"path\":\"active\"}")), 400, "invalidValue");
        assertScimError(
                this.scim.patch(path, patchOp("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}")),
                400,
                "mutability");
        assertScimError(
                this.scim.patch(path, patchOp("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}")),
                400,
                "invalidPath");
        assertScimError(this.scim.patch(path, patchOp("{\"op\":\"remove\"}")), 400, "noTarget");
        assertScimError(this.scim.patch(path, "{\"Operations\":\"x\"}"), 400, "invalidSyntax");
        assertScimError(
                this.scim.patch(
                        path, patchOp("{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"bad\"}]}")),
                400,
                "invalidValue");
    }

    @Test
    void deleteWhenExistingThen204AndThen404() {
        String path = "/scim/v2/Users/"
                + this.scim.createUser(uniqueName("scim-del"), null).get("id");

        Response deleted = this.scim.delete(path);

        assertThat(deleted.status()).isEqualTo(204);
        assertScimError(this.scim.get(path), 404, null);
        assertScimError(this.scim.delete(path), 404, null);
        assertScimError(
                this.scim.patch(path, patchOp("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")), 404, null);
    }
}
