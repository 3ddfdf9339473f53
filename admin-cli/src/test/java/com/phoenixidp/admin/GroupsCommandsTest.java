package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.admin.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code groups ...}: SCIM group requests and output. */
class GroupsCommandsTest {

    static final String OPS = "{\"id\":\"g-1\",\"displayName\":\"ops\",\"members\":[{\"value\":\"u-42\","
            + "\"display\":\"carol\"},{\"value\":\"u-43\",\"display\":\"dave\"}]}";

    StubServer server;

    @BeforeEach
    void start() {
        this.server = StubServer.http();
        this.server.on(
                "GET",
                "/scim/v2/Users",
                (r) -> StubServer.scim(
                        200,
                        "userName eq \"carol\"".equals(UsersCommandsTest.filter(r))
                                ? UsersCommandsTest.list(UsersCommandsTest.CAROL)
                                : UsersCommandsTest.list()));
        this.server.on("GET", "/scim/v2/Groups", (r) -> {
            String filter = UsersCommandsTest.filter(r);
            if (filter == null) {
                return StubServer.scim(200, UsersCommandsTest.list(OPS, "{\"id\":\"g-2\",\"displayName\":\"admin\"}"));
            }
            return StubServer.scim(
                    200,
                    filter.equals("displayName eq \"ops\"") ? UsersCommandsTest.list(OPS) : UsersCommandsTest.list());
        });
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void listWhenGroupsThenNamesSizesAndMembers() {
        AdminRunner.Result result = AdminRunner.against(this.server).run("groups", "list");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("GROUP  SIZE  MEMBERS\nops    2     carol, dave\nadmin  0     -\n");
    }

    @Test
    void addWhenNameThenPostsGroupSchema() {
        this.server.on(
                "POST", "/scim/v2/Groups", (r) -> StubServer.scim(201, "{\"id\":\"g-9\",\"displayName\":\"sre\"}"));

        AdminRunner.Result result = AdminRunner.against(this.server).run("groups", "add", "sre");

        assertThat(result.out()).isEqualTo("Created group sre (id g-9).\n");
        StubServer.Request post = this.server.apiRequests().get(0);
        assertThat(Json.compact(post.json()))
                .isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"sre\"}");
    }

    @Test
    void addMemberWhenGroupAndUserThenPatchAddsUserId() {
        this.server.on("PATCH", "/scim/v2/Groups/g-1", (r) -> StubServer.scim(200, OPS));

        AdminRunner.Result result = AdminRunner.against(this.server).run("groups", "add-member", "ops", "carol");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Added carol to group ops.\n");
        assertThat(Json.compact(last().json()))
                .isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                        + "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u-42\"}]}]}");
    }

    @Test
    void removeMemberWhenGroupAndUserThenPatchRemovesByValueFilter() {
        this.server.on("PATCH", "/scim/v2/Groups/g-1", (r) -> new StubServer.Answer(204, "", "", java.util.Map.of()));

        AdminRunner.Result result =
                AdminRunner.against(this.server).run("groups", "remove-member", "ops", "carol", "--json");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(Json.parseOrNull(result.out()).path("member").asBoolean(true))
                .isFalse();
        assertThat(Json.compact(last().json()))
                .isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                        + "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-42\\\"]\"}]}");
    }

    @Test
    void addMemberWhenUnknownGroupThenExit1() {
        AdminRunner.Result result = AdminRunner.against(this.server).run("groups", "add-member", "nope", "carol");

        assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.error()).isEqualTo("phoenix-admin: error: no group named 'nope'");
    }

    private StubServer.Request last() {
        return this.server.apiRequests().get(this.server.apiRequests().size() - 1);
    }
}
