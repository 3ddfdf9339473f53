package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clients ...}: admin API requests, and the generated secret shown once or written owner-only. */
class ClientsCommandsTest {

    static final String GENERATED = "generated-secret-AAAABBBBCCCCDDDDEEEEFFFF";

    StubServer server;

    @BeforeEach
    void start() {
        this.server = StubServer.http();
        this.server.on("POST", "/admin/clients", (r) -> {
            JsonNode sent = r.json();
            return StubServer.json(
                    201,
                    "{\"client-id\":\"" + sent.path("client-id").asText() + "\","
                            + "\"grant-types\":[\"client_credentials\"],\"client-secret\":\"" + GENERATED + "\"}");
        });
        this.server.onJson("POST", "/admin/clients/reports/secret", 200, "{\"client-secret\":\"" + GENERATED + "\"}");
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void addWhenOptionsThenBootstrapFieldNamesAndSecretPrintedOnce() {
        AdminRunner.Result result = AdminRunner.against(this.server)
                .run(
                        "clients",
                        "add",
                        "reports",
                        "--name",
                        "Reports",
                        "--grant-type",
                        "authorization_code,refresh_token",
                        "--auth-method",
                        "client_secret_basic",
                        "--redirect-uri",
                        "https://reports.example/cb",
                        "--scope",
                        "openid",
                        "--scope",
                        "profile",
                        "--consent");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(Json.compact(this.server.apiRequests().get(0).json()))
                .isEqualTo("{\"client-id\":\"reports\",\"client-name\":\"Reports\",\"grant-types\":"
                        + "[\"authorization_code\",\"refresh_token\"],\"auth-methods\":[\"client_secret_basic\"],"
                        + "\"redirect-uris\":[\"https://reports.example/cb\"],\"scopes\":[\"openid\",\"profile\"],"
                        + "\"require-consent\":true}");
        assertThat(result.out())
                .isEqualTo(
                        "Created client reports.\nClient secret (shown this once; store it now): " + GENERATED + "\n");
    }

    @Test
    void addWhenSecretFileThenWrittenOwnerOnlyAndNotPrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reports.secret");

        AdminRunner.Result result = AdminRunner.against(this.server)
                .run("clients", "add", "reports", "--secret-file", file.toString(), "--json");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain(GENERATED);
        assertThat(Json.parseOrNull(result.out()).path("client-secret-file").asText())
                .isEqualTo(file.toString());
        assertThat(Files.readString(file)).isEqualTo(GENERATED + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void addWhenSecretFileDirectoryMissingThenUsageErrorBeforeCreating(@TempDir Path dir) {
        AdminRunner.Result result = AdminRunner.against(this.server)
                .run(
                        "clients",
                        "add",
                        "reports",
                        "--secret-file",
                        dir.resolve("no/such/dir/s").toString());

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("--secret-file: cannot create files in");
        assertThat(this.server.requests()).isEmpty();
    }

    @Test
    void addWhenNoConsentThenRequireConsentFalseAndUnsetFieldsLeftOut() {
        AdminRunner.against(this.server).run("clients", "add", "svc", "--no-consent");

        assertThat(Json.compact(this.server.apiRequests().get(0).json()))
                .isEqualTo("{\"client-id\":\"svc\",\"require-consent\":false}");
    }

    @Test
    void rotateSecretWhenFileExistsThenReplacedOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reports.secret");
        Files.writeString(file, "old\n");

        AdminRunner.Result result = AdminRunner.against(this.server)
                .run("clients", "rotate-secret", "reports", "--secret-file", file.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo("Rotated the secret of client reports.\nClient secret written to " + file
                        + " (readable by you only).\n");
        assertThat(Files.readString(file)).isEqualTo(GENERATED + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void rotateSecretWhenJsonThenSecretInJsonOnce() {
        AdminRunner.Result result =
                AdminRunner.against(this.server).run("clients", "rotate-secret", "reports", "--json");

        assertThat(Json.parseOrNull(result.out()).path("client-secret").asText())
                .isEqualTo(GENERATED);
    }

    @Test
    void listWhenClientsThenTableOfRegistrations() {
        this.server.onJson(
                "GET",
                "/admin/clients",
                200,
                "{\"clients\":[{\"client-id\":\"demo-web\",\"client-name\":"
                        + "\"Demo web\",\"grant-types\":[\"authorization_code\",\"refresh_token\"],\"auth-methods\":"
                        + "[\"client_secret_basic\"],\"scopes\":[\"openid\"]}]}");

        AdminRunner.Result result = AdminRunner.against(this.server).run("clients", "list");

        assertThat(result.out())
                .isEqualTo("CLIENT ID  NAME      GRANT TYPES                        AUTH METHODS         SCOPES\n"
                        + "demo-web   Demo web  authorization_code, refresh_token  client_secret_basic  openid\n");
    }

    @Test
    void showWhenClientThenFieldsUnderYamlNames() {
        this.server.onJson(
                "GET",
                "/admin/clients/demo-web",
                200,
                "{\"client-id\":\"demo-web\",\"redirect-uris\":"
                        + "[\"http://localhost:8080/cb\"],\"require-consent\":true}");

        AdminRunner.Result result = AdminRunner.against(this.server).run("clients", "show", "demo-web");

        assertThat(result.out())
                .isEqualTo("client-id:        demo-web\nredirect-uris:    http://localhost:8080/cb\n"
                        + "require-consent:  true\n");
    }

    @Test
    void disableThenEnableWhenClientThenPostsTheSwitchAndSaysSo() {
        this.server.onJson(
                "POST", "/admin/clients/reports/disable", 200, "{\"client-id\":\"reports\",\"enabled\":false}");
        this.server.onJson(
                "POST", "/admin/clients/reports/enable", 200, "{\"client-id\":\"reports\",\"enabled\":true}");

        AdminRunner.Result disabled = AdminRunner.against(this.server).run("clients", "disable", "reports");
        AdminRunner.Result enabled = AdminRunner.against(this.server).run("clients", "enable", "reports", "--json");

        assertThat(disabled.status()).as(disabled.err()).isZero();
        assertThat(disabled.out()).isEqualTo("Disabled client reports; every token issued to it is revoked.\n");
        assertThat(enabled.status()).as(enabled.err()).isZero();
        assertThat(Json.parseOrNull(enabled.out()).path("enabled").asBoolean()).isTrue();
        assertThat(this.server.apiRequests())
                .extracting((r) -> r.method() + " " + r.path())
                .containsExactly("POST /admin/clients/reports/disable", "POST /admin/clients/reports/enable");
    }

    @Test
    void disableWhenUnknownClientThenExit1WithServersMessage() {
        this.server.onJson(
                "POST",
                "/admin/clients/nope/disable",
                404,
                "{\"error\":\"not_found\",\"error_description\":\"client 'nope' not found\"}");

        AdminRunner.Result result = AdminRunner.against(this.server).run("clients", "disable", "nope");

        assertThat(result.status()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.error()).contains("client 'nope' not found");
    }

    @Test
    void deleteWhenYesThenDeleted() {
        this.server.on(
                "DELETE", "/admin/clients/reports", (r) -> new StubServer.Answer(204, "", "", java.util.Map.of()));

        AdminRunner.Result noYes = AdminRunner.against(this.server).run("clients", "delete", "reports");
        AdminRunner.Result yes = AdminRunner.against(this.server).run("clients", "delete", "reports", "--yes");

        assertThat(noYes.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(yes.status()).as(yes.err()).isZero();
        assertThat(yes.out()).isEqualTo("Deleted client reports.\n");
        assertThat(this.server.apiRequests()).hasSize(1);
    }
}
