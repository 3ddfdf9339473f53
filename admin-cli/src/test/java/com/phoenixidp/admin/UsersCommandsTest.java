package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.http.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code users ...}: the SCIM requests sent and what is printed. */
class UsersCommandsTest {

    static final String CAROL = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\","
            + "\"urn:phoenixidp:scim:schemas:extension:2.0:User\"],\"id\":\"u-42\",\"userName\":\"carol\","
            + "\"displayName\":\"Carol Danvers\",\"emails\":[{\"value\":\"carol@example.com\",\"primary\":true}],"
            + "\"active\":true,\"groups\":[{\"value\":\"g-1\",\"display\":\"ops\"}],"
            + "\"meta\":{\"created\":\"2026-02-01T10:00:00Z\",\"lastModified\":\"2026-02-02T10:00:00Z\"},"
            + "\"urn:phoenixidp:scim:schemas:extension:2.0:User\":{\"source\":\"ldap\"}}";

    static final String OPS = "{\"id\":\"g-1\",\"displayName\":\"ops\",\"members\":[]}";

    StubServer server;

    @BeforeEach
    void start() {
        this.server = StubServer.http();
        this.server.on("GET", "/scim/v2/Users", (r) -> {
            String filter = filter(r);
            if (filter == null) {
                return page(r);
            }
            return StubServer.scim(200, filter.equals("userName eq \"carol\"") ? list(CAROL) : list());
        });
        this.server.on(
                "GET",
                "/scim/v2/Groups",
                (r) -> StubServer.scim(200, "displayName eq \"ops\"".equals(filter(r)) ? list(OPS) : list()));
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void listWhenManyUsersThenPagesThroughAllAndAlignsColumns() {
        AdminRunner.Result result = AdminRunner.against(this.server).run("users", "list");

        assertThat(result.status()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(151);
        assertThat(lines.get(0)).startsWith("USERNAME  NAME").contains("EMAIL", "STATUS", "SOURCE", "GROUPS");
        assertThat(lines.get(1).split(" {2,}"))
                .containsExactly("user001", "User 1", "user001@example.com", "active", "-", "-");
        assertThat(lines.get(1).indexOf("user001@")).isEqualTo(lines.get(0).indexOf("EMAIL"));
        assertThat(lines.get(150).indexOf("user150@")).isEqualTo(lines.get(0).indexOf("EMAIL"));
        assertThat(this.server.apiRequests())
                .extracting(StubServer.Request::uri)
                .containsExactly("/scim/v2/Users?startIndex=1&count=100", "/scim/v2/Users?startIndex=101&count=100");
    }

    @Test
    void listWhenJsonThenArrayOfScimResources() {
        AdminRunner.Result result = AdminRunner.against(this.server).run("users", "list", "--json");

        JsonNode users = Json.parseOrNull(result.out());
        assertThat(users.isArray()).isTrue();
        assertThat(users).hasSize(150);
        assertThat(users.get(149).path("userName").asText()).isEqualTo("user150");
    }

    @Test
    void showWhenUserThenFieldsSourceAndSessions() {
        this.server.onJson(
                "GET",
                "/admin/users/carol/sessions",
                200,
                "{\"sessions\":[{\"id\":\"s-1\","
                        + "\"created\":\"2026-03-01T08:00:00Z\",\"lastSeen\":\"2026-03-01T11:00:00Z\",\"address\":\"10.0.0.7\","
                        + "\"userAgent\":\"Firefox\",\"clients\":[\"demo-web\",\"demo-spa\"]}]}");

        AdminRunner.Result result = AdminRunner.against(this.server).run("users", "show", "carol");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Username:       carol")
                .contains("Name:           Carol Danvers")
                .contains("Email:          carol@example.com")
                .contains("Status:         active")
                .contains("Source:         ldap")
                .contains("Groups:         ops")
                .contains("s-1      2026-03-01T08:00:00Z  2026-03-01T11:00:00Z  10.0.0.7  demo-web, demo-spa  Firefox");
    }

    @Test
    void addWhenPasswordInEnvironmentThenScimUserThenGroupMembership() {
        this.server.on("POST", "/scim/v2/Users", (r) -> StubServer.scim(201, CAROL));
        this.server.on("PATCH", "/scim/v2/Groups/g-1", (r) -> StubServer.scim(200, OPS));

        AdminRunner.Result result = AdminRunner.against(this.server)
                .env("PHOENIX_PASSWORD", "correct horse battery")
                .run(
                        "users",
                        "add",
                        "carol",
                        "--email",
                        "carol@example.com",
                        "--given-name",
                        "Carol",
                        "--family-name",
                        "Danvers",
                        "--group",
                        "ops");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo("Created user carol (id u-42), member of ops.\n")
                .doesNotContain("correct horse");
        JsonNode created = request("POST", "/scim/v2/Users").json();
        assertThat(created.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(created.path("userName").asText()).isEqualTo("carol");
        assertThat(created.path("password").asText()).isEqualTo("correct horse battery");
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path("emails").get(0).path("value").asText()).isEqualTo("carol@example.com");
        assertThat(created.path("emails").get(0).path("primary").asBoolean()).isTrue();
        assertThat(created.path("name").path("familyName").asText()).isEqualTo("Danvers");
        assertThat(request("POST", "/scim/v2/Users").header("Content-Type")).isEqualTo("application/scim+json");
        assertThat(Json.compact(request("PATCH", "/scim/v2/Groups/g-1").json()))
                .isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                        + "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u-42\"}]}]}");
    }

    @Test
    void addWhenUnknownGroupThenNoUserCreated() {
        AdminRunner.Result result = AdminRunner.against(this.server)
                .env("PHOENIX_PASSWORD", "correct horse battery")
                .run("users", "add", "carol", "--email", "carol@example.com", "--group", "nope");

        assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.error()).isEqualTo("phoenix-admin: error: no group named 'nope'");
        assertThat(this.server.apiRequests()).noneMatch((r) -> r.method().equals("POST"));
    }

    @Test
    void addWhenPasswordOnStandardInputThenFirstLineIsUsed() {
        this.server.on("POST", "/scim/v2/Users", (r) -> StubServer.scim(201, CAROL));

        AdminRunner.Result result = AdminRunner.against(this.server)
                .stdin("piped password 1\nnot this\n")
                .run("users", "add", "carol", "--email", "carol@example.com");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(request("POST", "/scim/v2/Users").json().path("password").asText())
                .isEqualTo("piped password 1");
    }

    @Test
    void addWhenTerminalThenAskedTwiceWithoutEcho() {
        this.server.on("POST", "/scim/v2/Users", (r) -> StubServer.scim(201, CAROL));
        List<String> prompts = new ArrayList<>();

        AdminRunner.Result result = AdminRunner.against(this.server)
                .terminal((prompt) -> {
                    prompts.add(prompt);
                    return "typed password 9".toCharArray();
                })
                .run("users", "add", "carol", "--email", "carol@example.com");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(prompts).containsExactly("New password for carol: ", "Repeat the password: ");
        assertThat(request("POST", "/scim/v2/Users").json().path("password").asText())
                .isEqualTo("typed password 9");
    }

    @Test
    void addWhenTerminalPasswordsDifferThenUsageErrorAndNothingSent() {
        char[][] answers = {"first one 123".toCharArray(), "second one 456".toCharArray()};
        int[] call = {0};

        AdminRunner.Result result = AdminRunner.against(this.server)
                .terminal((prompt) -> answers[call[0]++])
                .run("users", "add", "carol", "--email", "carol@example.com");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("the two passwords differ");
        assertThat(this.server.requests()).isEmpty();
    }

    @Test
    void setPasswordWhenEmptyStandardInputThenRefusedBeforeAnyRequest() {
        AdminRunner.Result result = AdminRunner.against(this.server).stdin("\n").run("users", "set-password", "carol");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("no password: set PHOENIX_PASSWORD or pipe it on standard input");
        assertThat(this.server.requests()).isEmpty();
    }

    @Test
    void setPasswordWhenEmptyEnvironmentVariableThenRefused() {
        AdminRunner.Result result =
                AdminRunner.against(this.server).env("PHOENIX_PASSWORD", "").run("users", "set-password", "carol");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("PHOENIX_PASSWORD is set but empty");
    }

    @Test
    void setPasswordWhenPipedThenPatchReplacesPassword() {
        this.server.on("PATCH", "/scim/v2/Users/u-42", (r) -> new StubServer.Answer(204, "", "", java.util.Map.of()));

        AdminRunner.Result result =
                AdminRunner.against(this.server).stdin("n3w-password!\n").run("users", "set-password", "carol");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Changed the password of carol.\n");
        assertThat(Json.compact(request("PATCH", "/scim/v2/Users/u-42").json()))
                .isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                        + "[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"n3w-password!\"}]}");
    }

    @Test
    void disableWhenUserThenFilterLookupThenPatchActiveFalse() {
        this.server.on(
                "PATCH",
                "/scim/v2/Users/u-42",
                (r) -> StubServer.scim(200, CAROL.replace("\"active\":true", "\"active\":false")));

        AdminRunner.Result result = AdminRunner.against(this.server).run("users", "disable", "carol");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Disabled user carol.\n");
        assertThat(this.server.apiRequests().get(0).uri())
                .isEqualTo("/scim/v2/Users?filter=userName%20eq%20%22carol%22&count=10");
        assertThat(Json.compact(request("PATCH", "/scim/v2/Users/u-42").json()))
                .isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                        + "[{\"op\":\"replace\",\"value\":{\"active\":false}}]}");
    }

    @Test
    void enableWhenJsonThenPrintsUpdatedResource() {
        this.server.on("PATCH", "/scim/v2/Users/u-42", (r) -> StubServer.scim(200, CAROL));

        AdminRunner.Result result = AdminRunner.against(this.server).run("users", "enable", "carol", "--json");

        assertThat(Json.parseOrNull(result.out()).path("active").asBoolean()).isTrue();
        assertThat(request("PATCH", "/scim/v2/Users/u-42")
                        .json()
                        .path("Operations")
                        .get(0)
                        .path("value")
                        .path("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void deleteWhenYesThenDeletesById() {
        this.server.on("DELETE", "/scim/v2/Users/u-42", (r) -> new StubServer.Answer(204, "", "", java.util.Map.of()));

        AdminRunner.Result result = AdminRunner.against(this.server).run("users", "delete", "carol", "--yes");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Deleted user carol.\n");
        assertThat(request("DELETE", "/scim/v2/Users/u-42")).isNotNull();
    }

    @Test
    void logoutWhenUserThenPostsToAdminApiWithEncodedName() {
        this.server.on(
                "POST", "/admin/users/o'neil @x/logout", (r) -> new StubServer.Answer(204, "", "", java.util.Map.of()));

        AdminRunner.Result result = AdminRunner.against(this.server).run("users", "logout", "o'neil @x");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Signed o'neil @x out of every session.\n");
        assertThat(this.server.apiRequests().get(0).uri()).isEqualTo("/admin/users/o%27neil%20%40x/logout");
    }

    @Test
    void lookupWhenNameHasQuotesThenFilterValueIsEscaped() {
        AdminRunner.Result result = AdminRunner.against(this.server).run("users", "show", "a\"b\\c");

        assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
        assertThat(filter(this.server.apiRequests().get(0))).isEqualTo("userName eq \"a\\\"b\\\\c\"");
    }

    private StubServer.Request request(String method, String path) {
        return this.server.apiRequests().stream()
                .filter((r) -> r.method().equals(method) && r.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + this.server.requests()));
    }

    static String filter(StubServer.Request request) {
        String uri = request.uri();
        int start = uri.indexOf("filter=");
        if (start < 0) {
            return null;
        }
        int end = uri.indexOf('&', start);
        return URLDecoder.decode(uri.substring(start + 7, end < 0 ? uri.length() : end), StandardCharsets.UTF_8);
    }

    static String list(String... resources) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":"
                + resources.length + ",\"startIndex\":1,\"itemsPerPage\":" + resources.length + ",\"Resources\":["
                + String.join(",", resources) + "]}";
    }

    /** 150 users, served in pages as asked by startIndex and count. */
    private static StubServer.Answer page(StubServer.Request request) {
        int startIndex = Integer.parseInt(request.uri().replaceAll(".*startIndex=(\\d+).*", "$1"));
        int count = Integer.parseInt(request.uri().replaceAll(".*count=(\\d+).*", "$1"));
        List<String> users = new ArrayList<>();
        for (int i = startIndex; i < startIndex + count && i <= 150; i++) {
            String name = String.format("user%03d", i);
            users.add("{\"id\":\"id-" + i + "\",\"userName\":\"" + name + "\",\"displayName\":\"User " + i
                    + "\",\"emails\":[{\"value\":\"" + name + "@example.com\",\"primary\":true}],\"active\":true}");
        }
        return StubServer.scim(
                200,
                "{\"totalResults\":150,\"startIndex\":" + startIndex + ",\"itemsPerPage\":" + users.size()
                        + ",\"Resources\":[" + String.join(",", users) + "]}");
    }
}
