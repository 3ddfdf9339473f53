package com.phoenixidp.authserver.scim;

import static com.phoenixidp.authserver.scim.ScimTestClient.assertScimError;
import static com.phoenixidp.authserver.scim.ScimTestClient.patchOp;
import static com.phoenixidp.authserver.scim.ScimTestClient.query;
import static com.phoenixidp.authserver.scim.ScimTestClient.resources;
import static com.phoenixidp.authserver.scim.ScimTestClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.TestData;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCIM Groups over real HTTP; a group is a role in the tokens issued to its members. */
class ScimGroupsIntegrationTest extends AuthServerIntegrationTest {

    private ScimTestClient scim;

    @BeforeEach
    void signIn() {
        this.scim = ScimTestClient.admin(baseUrl());
    }

    @Test
    void createWhenMembersThen201WithMembersAndUsersListTheirGroups() {
        Map<String, Object> user = this.scim.createUser(uniqueName("scim-member"), null);
        String userId = (String) user.get("id");
        String name = uniqueName("Team");

        Response created = this.scim.post(
                "/scim/v2/Groups",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + name
                        + "\",\"externalId\":\"g-ext\",\"members\":[{\"value\":\"" + userId + "\"}]}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, Object> group = created.json();
        String groupId = (String) group.get("id");
        assertThat(created.location()).isEqualTo(baseUrl() + "/scim/v2/Groups/" + groupId);
        assertThat(created.header("ETag")).isPresent();
        assertThat(group)
                .containsEntry("displayName", name)
                .containsEntry("externalId", "g-ext")
                .containsEntry(
                        "members",
                        List.of(Map.of(
                                "value",
                                userId,
                                "display",
                                user.get("userName"),
                                "$ref",
                                baseUrl() + "/scim/v2/Users/" + userId,
                                "type",
                                "User")));
        assertThat(this.scim.get("/scim/v2/Users/" + userId).json().get("groups"))
                .isEqualTo(List.of(Map.of(
                        "value",
                        groupId,
                        "display",
                        name,
                        "$ref",
                        baseUrl() + "/scim/v2/Groups/" + groupId,
                        "type",
                        "direct")));
        assertScimError(
                this.scim.post("/scim/v2/Groups", "{\"displayName\":\"" + name.toLowerCase() + "\"}"),
                409,
                "uniqueness");
    }

    @Test
    void createWhenInvalidThen400InvalidValue() {
        assertScimError(this.scim.post("/scim/v2/Groups", "{\"members\":[]}"), 400, "invalidValue");
        assertScimError(this.scim.post("/scim/v2/Groups", "{\"displayName\":\"bad/name\"}"), 400, "invalidValue");
        assertScimError(
                this.scim.post(
                        "/scim/v2/Groups",
                        "{\"displayName\":\"" + uniqueName("G") + "\",\"members\":[{\"value\":\"no-such-user\"}]}"),
                400,
                "invalidValue");
        assertScimError(
                this.scim.post(
                        "/scim/v2/Groups",
                        "{\"displayName\":\"" + uniqueName("G") + "\",\"externalId\":\"" + "x".repeat(201) + "\"}"),
                400,
                "invalidValue");
    }

    @Test
    void searchWhenFilterOnDisplayNameThenMatchingGroupsWithTotal() {
        String prefix = uniqueName("Dept");
        String one = (String) this.scim.createGroup(prefix + " One").get("id");
        this.scim.createGroup(prefix + " Two");

        Response exact =
                this.scim.get("/scim/v2/Groups?filter=" + query("displayName eq \"" + prefix.toUpperCase() + " ONE\""));
        assertThat(exact.json()).containsEntry("totalResults", 1);
        assertThat(resources(exact)).extracting((g) -> g.get("id")).containsExactly(one);
        Response both = this.scim.get(
                "/scim/v2/Groups?excludedAttributes=members&filter=" + query("displayName sw \"" + prefix + "\""));
        assertThat(both.json()).containsEntry("totalResults", 2);
        assertThat(resources(both)).allSatisfy((g) -> assertThat(g).doesNotContainKey("members"));
        assertScimError(this.scim.get("/scim/v2/Groups?filter=" + query("members pr")), 400, "invalidFilter");
    }

    @Test
    void patchWhenAddAndRemoveMembersThenMembershipChangesAndEntraFormsWork() {
        String a = (String) this.scim.createUser(uniqueName("scim-ga"), null).get("id");
        String b = (String) this.scim.createUser(uniqueName("scim-gb"), null).get("id");
        String c = (String) this.scim.createUser(uniqueName("scim-gc"), null).get("id");
        String path = "/scim/v2/Groups/"
                + this.scim.createGroup(uniqueName("Crew"), a).get("id");

        Response added = this.scim.patch(
                path,
                patchOp("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"},{\"value\":\"" + c
                        + "\"}]}"));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(memberIds(added)).containsExactlyInAnyOrder(a, b, c);

        Response removed =
                this.scim.patch(path, patchOp("{\"op\":\"Remove\",\"path\":\"members[value eq \\\"" + a + "\\\"]\"}"));
        assertThat(memberIds(removed)).containsExactlyInAnyOrder(b, c);

        Response removedByValue = this.scim.patch(
                path, patchOp("{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"}]}"));
        assertThat(memberIds(removedByValue)).containsExactly(c);

        Response renamed = this.scim.patch(
                path, patchOp("{\"op\":\"Replace\",\"value\":{\"displayName\":\"" + uniqueName("Renamed") + "\"}}"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(this.scim.get("/scim/v2/Users/" + c).json().get("groups").toString())
                .contains((String) renamed.json().get("displayName"));

        assertScimError(
                this.scim.patch(
                        path, patchOp("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"ghost\"}]}")),
                400,
                "invalidValue");
        assertScimError(
                this.scim.patch(path, patchOp("{\"op\":\"remove\",\"path\":\"displayName\"}")), 400, "invalidValue");
        assertThat(memberIds(this.scim.get(path))).containsExactly(c);
    }

    @Test
    void putAndDeleteWhenGroupThenReplacedThenGone() {
        String a = (String) this.scim.createUser(uniqueName("scim-pa"), null).get("id");
        String b = (String) this.scim.createUser(uniqueName("scim-pb"), null).get("id");
        String path =
                "/scim/v2/Groups/" + this.scim.createGroup(uniqueName("Put"), a).get("id");
        String newName = uniqueName("Replaced");

        Response put =
                this.scim.put(path, "{\"displayName\":\"" + newName + "\",\"members\":[{\"value\":\"" + b + "\"}]}");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json()).containsEntry("displayName", newName);
        assertThat(memberIds(put)).containsExactly(b);
        assertScimError(this.scim.put(path, "{\"displayName\":\"x\"}", "If-Match", "W/\"1\""), 412, null);
        assertThat(this.scim.delete(path).status()).isEqualTo(204);
        assertScimError(this.scim.get(path), 404, null);
        assertThat(this.scim.get("/scim/v2/Users/" + b).json().get("groups")).isEqualTo(List.of());
    }

    @Test
    void tokenWhenMemberAddedThenRolesClaimHasGroupNameInLaterAccessToken() {
        String username = uniqueName("scim-role");
        String password = "role-password-123";
        String userId = (String) this.scim.createUser(username, password).get("id");
        String role = uniqueName("approvers");
        String groupPath = "/scim/v2/Groups/" + this.scim.createGroup(role).get("id");
        assertThat(roles(accessToken(username, password))).doesNotContain(role);

        this.scim.patch(
                groupPath, patchOp("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}"));

        assertThat(roles(accessToken(username, password))).contains(role);
        this.scim.patch(
                groupPath, patchOp("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}"));
        assertThat(roles(accessToken(username, password))).doesNotContain(role);
    }

    /** An authorization-code flow (client web, PKCE) signed in as the user; the access token. */
    private String accessToken(String username, String password) {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(TestData.WEB, TestData.WEB_REDIRECT, "openid profile").pkce(pkce),
                username,
                password);
        assertThat(result.code()).as("authorization code").isNotNull();
        Response token = browser.exchangeCodeBasic(
                TestData.WEB, TestData.WEB_SECRET, result.code(), TestData.WEB_REDIRECT, pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return (String) token.json().get("access_token");
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Object roles = OAuthTestClient.parseJson(payload).get("roles");
        return (roles != null) ? (List<String>) roles : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> memberIds(Response group) {
        List<Map<String, Object>> members =
                (List<Map<String, Object>>) group.json().get("members");
        return members.stream().map((m) -> m.get("value")).toList();
    }
}
