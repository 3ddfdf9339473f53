package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How answers the CLI cannot use become one line and an exit status (against a stub of the HTTP edge). */
class ServerErrorsTest {

    @Test
    void tokenWhenInvalidClientThenExit3WithoutSecret() {
        try (StubServer server = StubServer.http()) {
            AdminRunner.Result result = AdminRunner.against(server)
                    .env("PHOENIX_ADMIN_CLIENT_SECRET", "wrong-secret-0123456789-0123456789")
                    .run("users", "list", "--json");

            assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(result.error())
                    .isEqualTo("phoenix-admin: error: the server refused the client credentials (invalid_client)");
            assertThat(result.err()).doesNotContain("wrong-secret");
            assertThat(result.out()).isEmpty();
            assertThat(server.apiRequests()).isEmpty();
        }
    }

    @Test
    void tokenWhenSentThenBasicAuthClientCredentialsWithAdminScope() {
        try (StubServer server = StubServer.http()) {
            server.onJson("GET", "/admin/keys", 200, "{\"keys\":[]}");

            AdminRunner.against(server).run("keys", "list");

            StubServer.Request token = server.requests().get(0);
            assertThat(token.path()).isEqualTo("/oauth2/token");
            assertThat(token.header("Authorization")).startsWith("Basic ");
            assertThat(token.body()).isEqualTo("grant_type=client_credentials&scope=phoenix.admin");
            assertThat(server.apiRequests().get(0).header("Authorization")).isEqualTo("Bearer " + AdminRunner.TOKEN);
        }
    }

    @Test
    void tokenWhenInvalidScopeThenExit3NamingTheScope() {
        try (StubServer server = StubServer.http()) {
            server.onJson("POST", "/oauth2/token", 400, "{\"error\":\"invalid_scope\"}");

            AdminRunner.Result result = AdminRunner.against(server).run("keys", "list");

            assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(result.error())
                    .isEqualTo("phoenix-admin: error: the client 'admin-cli' may not get a token with scope"
                            + " phoenix.admin by client credentials (invalid_scope)");
        }
    }

    @Test
    void tokenWhenHtmlAnswerThenExit3NotAPhoenixIdp() {
        try (StubServer server = StubServer.http()) {
            server.on("POST", "/oauth2/token", (r) -> StubServer.text(200, "text/html", "<html>proxy login</html>"));

            AdminRunner.Result result = AdminRunner.against(server).run("keys", "list");

            assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(result.error())
                    .contains("unexpected answer from the token endpoint")
                    .contains("HTTP 200, not JSON");
        }
    }

    @Test
    void runWhenConnectionRefusedThenExit3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AdminRunner.Result result = AdminRunner.bare()
                .env("PHOENIX_ADMIN_CLIENT_SECRET", AdminRunner.SECRET)
                .run("--server", "http://127.0.0.1:" + port, "--client-id", "x", "users", "list");

        assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.error())
                .isEqualTo("phoenix-admin: error: cannot reach http://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void apiWhenScimErrorThenExit1WithDetail() {
        try (StubServer server = StubServer.http()) {
            server.on(
                    "POST",
                    "/scim/v2/Users",
                    (r) -> StubServer.scim(
                            409,
                            "{\"schemas\":"
                                    + "[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"409\",\"scimType\":\"uniqueness\","
                                    + "\"detail\":\"userName carol is already taken\"}"));

            AdminRunner.Result result = AdminRunner.against(server)
                    .env("PHOENIX_PASSWORD", "a-long-password-1")
                    .run("users", "add", "carol", "--email", "carol@example.com");

            assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
            assertThat(result.error()).isEqualTo("phoenix-admin: error: userName carol is already taken");
        }
    }

    @Test
    void apiWhenServerFailsWithoutJsonThenExit1NamingTheCall() {
        try (StubServer server = StubServer.http()) {
            server.on("GET", "/scim/v2/Users", (r) -> StubServer.text(500, "text/html", "<h1>Whitelabel</h1>"));

            AdminRunner.Result result = AdminRunner.against(server).run("users", "list");

            assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
            assertThat(result.error())
                    .isEqualTo("phoenix-admin: error: the server failed GET /scim/v2/Users: HTTP 500");
        }
    }

    @Test
    void apiWhenOAuthStyleErrorThenDescriptionAndCode() {
        try (StubServer server = StubServer.http()) {
            server.onJson(
                    "POST",
                    "/admin/clients",
                    400,
                    "{\"error\":\"invalid_client_metadata\","
                            + "\"error_description\":\"redirect-uris: must be absolute https URIs\"}");

            AdminRunner.Result result = AdminRunner.against(server).run("clients", "add", "x", "--redirect-uri", "/cb");

            assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
            assertThat(result.error())
                    .isEqualTo(
                            "phoenix-admin: error: redirect-uris: must be absolute https URIs (invalid_client_metadata)");
        }
    }

    @Test
    void apiWhenNotFoundWithoutDetailThenExit1() {
        try (StubServer server = StubServer.http()) {
            AdminRunner.Result result = AdminRunner.against(server).run("clients", "show", "nope");

            assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
            assertThat(result.error()).contains("GET /admin/clients/nope: HTTP 404");
        }
    }

    @Test
    void apiWhenSuccessIsNotJsonThenExit3() {
        try (StubServer server = StubServer.http()) {
            server.on("GET", "/admin/keys", (r) -> StubServer.text(200, "text/html", "<html>login</html>"));

            AdminRunner.Result result = AdminRunner.against(server).run("keys", "list");

            assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(result.error()).contains("unexpected answer to GET /admin/keys (HTTP 200, not JSON)");
        }
    }

    @Test
    void apiWhenTokenRejectedThenExit3() {
        try (StubServer server = StubServer.http()) {
            server.on("GET", "/admin/keys", (r) -> new StubServer.Answer(401, "", "", Map.of()));

            AdminRunner.Result result = AdminRunner.against(server).run("keys", "list");

            assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(result.error()).contains("did not accept the access token of 'admin-cli'");
        }
    }

    @Test
    void apiWhenInsufficientScopeThenExit1() {
        try (StubServer server = StubServer.http()) {
            server.on(
                    "POST",
                    "/admin/keys/rotate",
                    (r) -> new StubServer.Answer(
                            403, "", "", Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")));

            AdminRunner.Result result = AdminRunner.against(server).run("keys", "rotate");

            assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
            assertThat(result.error())
                    .isEqualTo("phoenix-admin: error: the client 'admin-cli' is not allowed to POST /admin/keys/rotate"
                            + " (HTTP 403 insufficient_scope)");
        }
    }

    @Test
    void apiWhenRedirectThenNotFollowedAndExit1() {
        try (StubServer server = StubServer.http()) {
            server.on(
                    "GET",
                    "/admin/keys",
                    (r) -> new StubServer.Answer(
                            302, "", "", Map.of("Location", "http://elsewhere.example/login?x=1")));

            AdminRunner.Result result = AdminRunner.against(server).run("keys", "list");

            assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
            assertThat(result.error())
                    .isEqualTo("phoenix-admin: error: the server answered GET /admin/keys with a redirect (HTTP 302 to"
                            + " /login): it does not serve this API to admin clients (an older Phoenix IdP, or --server"
                            + " is not its base URL)");
            assertThat(server.apiRequests()).hasSize(1);
        }
    }

    @Test
    void showWhenUnknownUserThenExit1NoUserNamed() {
        try (StubServer server = StubServer.http()) {
            server.on(
                    "GET",
                    "/scim/v2/Users",
                    (r) -> StubServer.scim(
                            200,
                            "{\"schemas\":"
                                    + "[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":0,\"Resources\":[]}"));

            AdminRunner.Result result = AdminRunner.against(server).run("users", "disable", "nobody");

            assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
            assertThat(result.error()).isEqualTo("phoenix-admin: error: no user named 'nobody'");
            assertThat(server.apiRequests()).hasSize(1);
        }
    }

    @Test
    void errorWhenServerMessageHasControlCharactersThenPrintedHarmless() {
        try (StubServer server = StubServer.http()) {
            server.onJson(
                    "GET",
                    "/admin/clients/x",
                    404,
                    "{\"error\":\"not_found\",\"error_description\":" + "\"no client\\u001b[2J\\nsecond line\"}");

            AdminRunner.Result result = AdminRunner.against(server).run("clients", "show", "x");

            assertThat(result.error()).isEqualTo("phoenix-admin: error: no client?[2J second line (not_found)");
        }
    }
}
