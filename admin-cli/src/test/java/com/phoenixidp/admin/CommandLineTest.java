package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing, help and usage errors: everything decided before a request is sent. */
class CommandLineTest {

    @Test
    void helpWhenRootThenSyntaxCommandsEnvironmentAndExitCodes() {
        AdminRunner.Result result = AdminRunner.bare().run("--help");

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .contains("phoenix-admin [connection options] GROUP COMMAND [NAME] [options]")
                .contains("--server=URL", "--client-id=ID", "--client-secret-file=FILE", "--cacert=FILE")
                .contains("users", "groups", "clients", "keys", "audit")
                .contains("PHOENIX_ADMIN_CLIENT_SECRET", "PHOENIX_PASSWORD")
                .contains("Exit codes:", "  2  usage error", "  3  cannot connect or sign in");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "users",
                "users list",
                "users show",
                "users add",
                "users disable",
                "users enable",
                "users set-password",
                "users delete",
                "users logout",
                "groups",
                "groups list",
                "groups add",
                "groups add-member",
                "groups remove-member",
                "clients",
                "clients list",
                "clients show",
                "clients add",
                "clients rotate-secret",
                "clients delete",
                "keys",
                "keys list",
                "keys rotate",
                "audit"
            })
    void helpWhenAnyCommandThenUsageAndExitCodesWithoutServer(String command) {
        String[] args = (command + " --help").split(" ");

        AdminRunner.Result result = AdminRunner.bare().run(args);

        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("Usage: phoenix-admin " + command).contains("Exit codes:");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void runWhenNoCommandThenOneLineUsageError() {
        AdminRunner.Result result = AdminRunner.bare().run();

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("missing command").contains("phoenix-admin --help");
    }

    @Test
    void runWhenGroupWithoutCommandThenNamesItsCommands() {
        AdminRunner.Result result = AdminRunner.bare().run("users");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("list, show, add, disable, enable, set-password, delete, logout");
    }

    @Test
    void runWhenUnknownOptionThenOneLineWithHelpHint() {
        AdminRunner.Result result = AdminRunner.bare().run("users", "show", "carol", "--bogus");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error())
                .isEqualTo("phoenix-admin: error: Unknown option: '--bogus' (see 'phoenix-admin users show --help')");
    }

    @Test
    void runWhenMissingUsernameThenUsageError() {
        AdminRunner.Result result = AdminRunner.bare().run("users", "disable");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("Missing required parameter: 'USERNAME'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--client-secret=s3cr3t-value", "--client-secret s3cr3t-value", "--secret=s3cr3t-value"})
    void runWhenSecretGivenAsOptionThenRefusedWithoutEchoingIt(String option) {
        String[] args = ("--server http://localhost:9000 users list " + option).split(" ");

        AdminRunner.Result result = AdminRunner.bare().run(args);

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("PHOENIX_ADMIN_CLIENT_SECRET").doesNotContain("s3cr3t-value");
    }

    @Test
    void runWhenPasswordGivenAsOptionThenRefusedWithoutEchoingIt() {
        AdminRunner.Result result = AdminRunner.bare().run("users", "add", "carol", "--password=hunter2-hunter2");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("PHOENIX_PASSWORD").doesNotContain("hunter2");
    }

    @Test
    void runWhenNoServerThenUsageError() {
        AdminRunner.Result result = AdminRunner.bare().run("keys", "list");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error())
                .isEqualTo("phoenix-admin: error: no server: pass --server URL or set PHOENIX_SERVER");
    }

    @Test
    void runWhenServerIsNotAnHttpUrlThenUsageError() {
        AdminRunner.Result result = AdminRunner.bare().run("--server", "localhost:9000", "keys", "list");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("'localhost:9000' is not an http(s) base URL");
    }

    @Test
    void runWhenNoClientIdThenUsageErrorAndNoRequest() {
        try (StubServer server = StubServer.http()) {
            AdminRunner.Result result = AdminRunner.against(server)
                    .withoutEnv("PHOENIX_ADMIN_CLIENT_ID")
                    .run("keys", "list");

            assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.error()).contains("--client-id ID").contains("PHOENIX_ADMIN_CLIENT_ID");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void runWhenNoSecretThenUsageErrorAndNoRequest() {
        try (StubServer server = StubServer.http()) {
            AdminRunner.Result result = AdminRunner.against(server)
                    .withoutEnv("PHOENIX_ADMIN_CLIENT_SECRET")
                    .run("keys", "list");

            assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.error())
                    .isEqualTo("phoenix-admin: error: no client secret: set PHOENIX_ADMIN_CLIENT_SECRET or pass"
                            + " --client-secret-file FILE");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void runWhenSecretFileThenFirstLineIsTheSecret(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin.secret");
        Files.writeString(file, AdminRunner.SECRET + "\nignored second line\n");
        try (StubServer server = StubServer.http()) {
            server.onJson("GET", "/admin/keys", 200, "{\"keys\":[]}");

            AdminRunner.Result result = AdminRunner.against(server)
                    .withoutEnv("PHOENIX_ADMIN_CLIENT_SECRET")
                    .run("--client-secret-file", file.toString(), "keys", "list");

            assertThat(result.status()).as(result.err()).isZero();
        }
    }

    @Test
    void runWhenSecretFileMissingThenUsageError(@TempDir Path dir) {
        AdminRunner.Result result = AdminRunner.bare()
                .run(
                        "--server",
                        "http://localhost:9000",
                        "--client-id",
                        "x",
                        "--client-secret-file",
                        dir.resolve("absent").toString(),
                        "keys",
                        "list");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("--client-secret-file: cannot read").contains("no such file");
    }

    @Test
    void runWhenCacertMissingThenUsageError(@TempDir Path dir) {
        AdminRunner.Result result = AdminRunner.bare()
                .env("PHOENIX_ADMIN_CLIENT_SECRET", AdminRunner.SECRET)
                .run(
                        "--server",
                        "https://localhost:9443",
                        "--client-id",
                        "x",
                        "--cacert",
                        dir.resolve("ca.pem").toString(),
                        "keys",
                        "list");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error()).contains("--cacert: cannot read");
    }

    @Test
    void deleteWhenNoYesThenUsageErrorBeforeAnyRequest() {
        try (StubServer server = StubServer.http()) {
            AdminRunner.Result result = AdminRunner.against(server).run("users", "delete", "carol");

            assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.error()).contains("add --yes to confirm");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void auditWhenSinceUnreadableThenUsageError() {
        AdminRunner.Result result = AdminRunner.bare().run("audit", "--since", "yesterday");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.error())
                .contains("Invalid value for option '--since'")
                .contains("30m, 1h, 2d");
    }

    @Test
    void serverOptionWhenGivenThenOverridesEnvironment() {
        try (StubServer server = StubServer.http()) {
            server.onJson("GET", "/admin/keys", 200, "{\"keys\":[]}");

            AdminRunner.Result result = AdminRunner.against(server)
                    .env("PHOENIX_SERVER", "http://127.0.0.1:1")
                    .run("--server", server.url(), "keys", "list");

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.out()).contains("No signing keys.");
        }
    }
}
