package com.phoenixidp.authserver.backup;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.PhoenixAuthServerApplication;
import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.authserver.TestPorts;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.audit.AuditQuery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A backup taken over the admin API while the server runs, restored with {@code phoenix-idp restore}
 * into a fresh data directory, and a second server started there with the same master key: the
 * refresh token issued before the backup still works, the access token still introspects active
 * (same signing keys), and users, clients, signing keys and consents are all there.
 */
class BackupRestoreIntegrationTest {

    private static final List<String> TABLES = List.of(
            "phoenix_user",
            "oauth2_registered_client",
            "phoenix_signing_key",
            "oauth2_authorization_consent",
            "webauthn_credential",
            "phoenix_group_member");

    @TempDir
    Path dir;

    @Test
    void backupWhenServerRunsThenRestoredDirectoryServesTheRefreshTokenIssuedBefore() throws Exception {
        Path masterKey = this.dir.resolve("master.key");
        Files.writeString(masterKey, TestKeys.MASTER_KEY_BASE64);
        Path first = this.dir.resolve("first");
        Path second = this.dir.resolve("second");
        Path backup = this.dir.resolve("phoenix-backup.zip");
        String refreshToken;
        String accessToken;
        Map<String, Long> counts;
        String jwks;

        int port = TestPorts.findFreePort();
        try (ConfigurableApplicationContext app = start(port, first, masterKey)) {
            OAuthTestClient client = new OAuthTestClient("http://localhost:" + port);
            Pkce pkce = OAuthTestClient.pkce();
            AuthorizationResult result = client.authorize(
                    new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);
            Response tokens = client.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            refreshToken = (String) tokens.json().get("refresh_token");
            accessToken = (String) tokens.json().get("access_token");
            jwks = client.get("/oauth2/jwks").body();
            counts = counts(app.getBean(JdbcTemplate.class));

            HttpResponse<byte[]> answer = backup(port, adminToken(client));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(answer.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying((v) -> assertThat(v).startsWith("attachment; filename=\"phoenix-backup-"));
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            Files.write(backup, answer.body());
            assertThat(client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                            .status())
                    .as("still serving after the backup")
                    .isEqualTo(200);
            assertThat(app.getBean(AuditLog.class).query(new AuditQuery(null, null, "backup.created", null, null, 10)))
                    .anyMatch((event) -> ADMIN_TOOL.equals(event.actor()));
            try (var leftovers = Files.list(first)) {
                assertThat(leftovers.map((p) -> p.getFileName().toString()))
                        .as("the server's temporary copy is gone")
                        .noneMatch((name) -> name.startsWith(".backup-"));
            }
        }

        Run restored = restore("restore", backup.toString(), "--phoenix.data-dir=" + second);

        assertThat(restored.status()).as(restored.err()).isZero();
        assertThat(restored.out()).startsWith("phoenix-idp restore: restored ").contains(second.toString());
        assertThat(Files.getPosixFilePermissions(second))
                .containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(second.resolve("phoenix.mv.db")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Run again = restore("restore", backup.toString(), "--phoenix.data-dir=" + second);
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err())
                .isEqualTo("phoenix-idp restore: error: " + second + " is not empty: restore into an"
                        + " empty or new data directory\n");

        port = TestPorts.findFreePort();
        try (ConfigurableApplicationContext app = start(port, second, masterKey)) {
            OAuthTestClient client = new OAuthTestClient("http://localhost:" + port);
            assertThat(counts(app.getBean(JdbcTemplate.class))).isEqualTo(counts);
            assertThat(client.get("/oauth2/jwks").body()).isEqualTo(jwks);
            assertThat(client.introspect(WEB, WEB_SECRET, accessToken)).containsEntry("active", true);
            Response refreshed = client.refreshBasic(WEB, WEB_SECRET, refreshToken);
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            assertThat(OAuthTestClient.loginSucceeded(client.login(ALICE, ALICE_PASSWORD)))
                    .isTrue();
        }
    }

    private static Map<String, Long> counts(JdbcTemplate jdbc) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return counts;
    }

    private static String adminToken(OAuthTestClient client) {
        Response token = client.clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return (String) token.json().get("access_token");
    }

    private static HttpResponse<byte[]> backup(int port, String adminToken) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/backup"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    record Run(int status, String out, String err) {}

    static Run restore(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RestoreCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static ConfigurableApplicationContext start(int port, Path dataDir, Path masterKey) {
        return new SpringApplicationBuilder(PhoenixAuthServerApplication.class)
                .profiles("test")
                .run(
                        "--server.port=" + port,
                        "--phoenix.issuer=http://localhost:" + port,
                        "--phoenix.data-dir=" + dataDir,
                        "--phoenix.master-key-file=" + masterKey);
    }
}
