package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.http.Json;
import com.phoenixidp.samples.testsupport.AuthServerProcess;
import com.phoenixidp.samples.testsupport.Bootstrap;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code phoenix-admin.jar} run as its own process (as an operator runs it) against the real
 * auth-server jar on a free port, bootstrapped with an admin client of scope {@code phoenix.admin}.
 * The keys commands and the error cases run against today's server. The workflow over users,
 * groups, sessions, audit and clients needs the SCIM and admin endpoints being built in parallel:
 * it is guarded by one probe of {@code /scim/v2/ServiceProviderConfig} and must pass once they are
 * served.
 */
class PhoenixAdminProcessIT {

    static final String ADMIN = "phoenix-admin-it";

    static final String SECRET = "it-admin-secret-0123456789-0123456789-abcdef";

    static AuthServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = AuthServerProcess.start(new Bootstrap()
                .user("alice", "alice-password-0123456789")
                .client(
                        ADMIN,
                        "client-secret: " + Bootstrap.q(SECRET),
                        "grant-types: [client_credentials]",
                        "auth-methods: [client_secret_basic]",
                        "scopes: [phoenix.admin]"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // ---- against today's server ----

    @Test
    void keysWhenListedAndRotatedThenNextKeySigns() {
        AdminProcess.Run listed = admin().run("keys", "list", "--json");
        assertThat(listed.status()).as(listed.err()).isZero();
        JsonNode before = Json.parseOrNull(listed.out());
        assertThat(before).isNotNull();
        List<String> next = kids(before, "NEXT");
        assertThat(next).as("a NEXT key is published ahead of use").isNotEmpty();

        AdminProcess.Run table = admin().run("keys", "list");
        assertThat(table.out().lines().findFirst().orElse("")).startsWith("KID").contains("ALG", "STATUS", "CREATED");

        AdminProcess.Run rotated = admin().run("keys", "rotate");
        assertThat(rotated.status()).as(rotated.err()).isZero();
        assertThat(rotated.out()).startsWith("Rotated the signing keys; now signing with ");

        JsonNode after = Json.parseOrNull(admin().run("keys", "list", "--json").out());
        assertThat(kids(after, "ACTIVE")).containsExactlyInAnyOrderElementsOf(next);
        assertThat(kids(after, "RETIRED")).containsAll(kids(before, "ACTIVE"));
    }

    @Test
    void runWhenWrongSecretThenExit3OneLine() {
        AdminProcess.Run run = admin().env("PHOENIX_ADMIN_CLIENT_SECRET", "not-the-secret-0123456789-0123456789")
                .run("users", "list");

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo("phoenix-admin: error: the server refused the client credentials (invalid_client)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void runWhenServerUnreachableThenExit3() {
        int port = AuthServerProcess.freePort();

        AdminProcess.Run run = admin().run("--server", "http://localhost:" + port, "keys", "list");

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo("phoenix-admin: error: cannot reach http://localhost:" + port + ": connection refused\n");
    }

    @Test
    void runWhenSecretMissingThenExit2() {
        AdminProcess.Run run = admin().env("PHOENIX_ADMIN_CLIENT_SECRET", null).run("keys", "list");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("phoenix-admin: error: no client secret: set PHOENIX_ADMIN_CLIENT_SECRET or pass"
                        + " --client-secret-file FILE\n");
    }

    @Test
    void runWhenSecretFileThenSignsIn() throws IOException {
        Path file = this.dir.resolve("admin.secret");
        Files.writeString(file, SECRET + "\n");

        AdminProcess.Run run = admin().env("PHOENIX_ADMIN_CLIENT_SECRET", null)
                .run("--client-secret-file", file.toString(), "keys", "list");

        assertThat(run.status()).as(run.err()).isZero();
    }

    @Test
    void clientsShowWhenUnknownClientThenExit1() {
        AdminProcess.Run run = admin().run("clients", "show", "no-such-client");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("phoenix-admin: error: ").hasLineCount(1);
    }

    @Test
    void launcherWhenRunThenStartsTheJar() {
        Path launcher = Paths.get("").toAbsolutePath().getParent().resolve("auth-server/phoenix-admin");
        assertThat(launcher).isRegularFile();

        AdminProcess.Run run = new AdminProcess(List.of("sh", launcher.toString())).run("--help");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Usage: phoenix-admin [connection options]")
                .contains("Exit codes:");
    }

    @Test
    void backupWhenServerRunsThenPhoenixIdpRestoreFillsAnEmptyDirectoryAndRefusesItAfterwards() throws Exception {
        Path backup = this.dir.resolve("phoenix-backup.zip");

        AdminProcess.Run run = admin().run("backup", "--out", backup.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Wrote the backup to " + backup);
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Path launcher = Paths.get("").toAbsolutePath().getParent().resolve("auth-server/phoenix-idp");
        Path target = this.dir.resolve("restored");
        AdminProcess restore = new AdminProcess(List.of("sh", launcher.toString())).forbid(SECRET);
        AdminProcess.Run restored = restore.run("restore", backup.toString(), "--phoenix.data-dir=" + target);
        assertThat(restored.status()).as(restored.err()).isZero();
        assertThat(restored.out())
                .startsWith("phoenix-idp restore: restored " + backup + " into " + target)
                .contains("signing keys");
        assertThat(target.resolve("phoenix.mv.db")).isRegularFile();

        AdminProcess.Run again = restore.run("restore", backup.toString(), "--phoenix.data-dir=" + target);
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err())
                .isEqualTo("phoenix-idp restore: error: " + target
                        + " is not empty: restore into an empty or new data directory\n");
    }

    // ---- needs the SCIM and admin endpoints (guarded by one probe) ----

    @Test
    void workflowWhenScimAndAdminApiServedThenUsersGroupsSessionsAuditAndClients() throws Exception {

        AdminProcess.Run added = admin().env("PHOENIX_PASSWORD", "carol-first-password-1")
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
                        "--display-name",
                        "Carol Danvers");
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("Created user carol (id ");

        JsonNode shown = Json.parseOrNull(ok(admin().run("users", "show", "carol", "--json")));
        assertThat(shown.path("user").path("userName").asText()).isEqualTo("carol");
        assertThat(shown.path("user").path("active").asBoolean()).isTrue();
        assertThat(shown.path("sessions").isArray()).isTrue();
        assertThat(ok(admin().run("users", "show", "carol"))).contains("Email:").contains("carol@example.com");
        assertThat(ok(admin().run("users", "list"))).contains("carol", "alice");

        ok(admin().run("users", "disable", "carol"));
        assertThat(active("carol")).isFalse();
        ok(admin().run("users", "enable", "carol"));
        assertThat(active("carol")).isTrue();

        assertThat(ok(admin().stdin("carol-second-password-2\n").run("users", "set-password", "carol")))
                .isEqualTo("Changed the password of carol.\n");

        ok(admin().run("groups", "add", "ops"));
        ok(admin().run("groups", "add-member", "ops", "carol"));
        assertThat(ok(admin().run("groups", "list"))).containsPattern("ops\\s+1\\s+carol");
        assertThat(ok(admin().run("users", "show", "carol"))).containsPattern("Groups:\\s+ops");
        ok(admin().run("groups", "remove-member", "ops", "carol"));
        assertThat(ok(admin().run("groups", "list"))).containsPattern("ops\\s+0");

        assertThat(ok(admin().run("users", "logout", "carol"))).contains("carol");

        JsonNode events = Json.parseOrNull(ok(admin().run("audit", "--user", "carol", "--since", "1h", "--json")));
        assertThat(events.isArray()).isTrue();
        assertThat(events).as("the changes made to carol are audited").isNotEmpty();
        assertThat(ok(admin().run("audit", "--since", "30m"))).startsWith("TIME");

        clientLifecycle();

        AdminProcess.Run refused = admin().run("users", "delete", "carol");
        assertThat(refused.status()).isEqualTo(2);
        ok(admin().run("users", "delete", "carol", "--yes"));
        AdminProcess.Run gone = admin().run("users", "show", "carol");
        assertThat(gone.status()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("phoenix-admin: error: no user named 'carol'\n");
    }

    @Test
    void usersShowWhenUnknownUserThenExit1() {

        AdminProcess.Run run = admin().run("users", "show", "nobody-here");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("phoenix-admin: error: no user named 'nobody-here'\n");
    }

    private void clientLifecycle() throws Exception {
        Path secretFile = this.dir.resolve("reports.secret");
        AdminProcess.Run added = admin().run(
                        "clients",
                        "add",
                        "reports-it",
                        "--name",
                        "Reports",
                        "--grant-type",
                        "client_credentials",
                        "--auth-method",
                        "client_secret_basic",
                        "--scope",
                        "api.read",
                        "--secret-file",
                        secretFile.toString());
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
                .isEqualTo("rw-------");
        String first = Files.readString(secretFile).strip();
        assertThat(added.out()).doesNotContain(first);
        assertThat(tokenStatus("reports-it", first, "api.read"))
                .as("the generated secret works")
                .isEqualTo(200);

        assertThat(ok(admin().run("clients", "list"))).contains("reports-it");
        assertThat(ok(admin().run("clients", "show", "reports-it"))).contains("client_credentials");

        JsonNode rotated = Json.parseOrNull(ok(admin().run("clients", "rotate-secret", "reports-it", "--json")));
        String second = rotated.path("client-secret").asText();
        assertThat(second).isNotBlank().isNotEqualTo(first);
        assertThat(tokenStatus("reports-it", second, "api.read"))
                .as("the rotated secret works")
                .isEqualTo(200);
        assertThat(tokenStatus("reports-it", first, "api.read"))
                .as("the old secret stops working")
                .isEqualTo(401);

        assertThat(ok(admin().run("clients", "disable", "reports-it")))
                .isEqualTo("Disabled client reports-it; every token issued to it is revoked.\n");
        assertThat(ok(admin().run("clients", "show", "reports-it"))).containsPattern("enabled: +false");
        assertThat(tokenStatus("reports-it", second, "api.read"))
                .as("a disabled client gets no token")
                .isEqualTo(401);
        ok(admin().run("clients", "enable", "reports-it"));
        assertThat(tokenStatus("reports-it", second, "api.read"))
                .as("enabled again")
                .isEqualTo(200);

        ok(admin().run("clients", "delete", "reports-it", "--yes"));
        assertThat(admin().run("clients", "show", "reports-it").status()).isEqualTo(1);
        assertThat(tokenStatus("reports-it", second, "api.read"))
                .as("a deleted client gets no token")
                .isEqualTo(401);
    }

    private static String accessToken() throws IOException, InterruptedException {
        HttpResponse<String> response = token(ADMIN, SECRET, "phoenix.admin");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parseOrNull(response.body()).path("access_token").asText();
    }

    private static int tokenStatus(String clientId, String secret, String scope)
            throws IOException, InterruptedException {
        return token(clientId, secret, scope).statusCode();
    }

    private static HttpResponse<String> token(String clientId, String secret, String scope)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.issuer() + "/oauth2/token"))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "grant_type=client_credentials&scope=" + scope))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private boolean active(String username) {
        return Json.parseOrNull(ok(admin().run("users", "show", username, "--json")))
                .path("user")
                .path("active")
                .asBoolean();
    }

    private static String ok(AdminProcess.Run run) {
        assertThat(run.status()).as("exit status; stderr: " + run.err()).isZero();
        return run.out();
    }

    private static List<String> kids(JsonNode keys, String status) {
        List<String> kids = new ArrayList<>();
        keys.forEach((k) -> {
            if (status.equals(k.path("status").asText())) {
                kids.add(k.path("kid").asText());
            }
        });
        return kids;
    }

    /** {@code java -jar phoenix-admin.jar} with the connection in the environment, as the README shows. */
    private static AdminProcess admin() {
        return new AdminProcess(List.of(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar().toString()))
                .env("PHOENIX_SERVER", server.issuer())
                .env("PHOENIX_ADMIN_CLIENT_ID", ADMIN)
                .env("PHOENIX_ADMIN_CLIENT_SECRET", SECRET)
                .forbid(SECRET);
    }

    private static Path jar() {
        Path jar = Paths.get(System.getProperty("phoenix.admin.jar", "target/phoenix-admin.jar"));
        assertThat(jar)
                .as("the shaded jar, built by 'package' before failsafe runs")
                .isRegularFile();
        return jar;
    }
}
