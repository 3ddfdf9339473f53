package com.phoenixidp.authserver;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.bootstrap.BootstrapException;
import com.phoenixidp.authserver.bootstrap.StartupFailureAnalyzer;
import com.phoenixidp.crypto.keys.KeyDecryptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started and stopped by hand on its own data directory (H2 file mode): keys,
 * clients, users and refresh tokens survive a restart; a wrong master key or a bad bootstrap
 * entry stops start-up with a clear message and changes nothing on disk (the other reasons a
 * bootstrap entry is refused are unit-tested in {@code ClientBootstrapTest}). Deliberately not an
 * {@link AuthServerIntegrationTest}: every start here is a fresh application context.
 */
class RestartPersistenceIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void restartWhenSameDataDirThenKeysClientsUsersAndRefreshTokensSurviveAndWrongMasterKeyChangesNothing()
            throws Exception {
        Path masterKey = writeKey("master.key", TestKeys.MASTER_KEY_BASE64);
        String accessToken;
        String refreshToken;
        long users;
        long clients;
        int port = TestPorts.findFreePort();
        try (ConfigurableApplicationContext first = start(port, masterKey)) {
            OAuthTestClient client = new OAuthTestClient("http://localhost:" + port);
            accessToken = (String) client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                    .json()
                    .get("access_token");
            OAuthTestClient.verifiedClaims(accessToken, client.jwks());
            Pkce pkce = OAuthTestClient.pkce();
            AuthorizationResult result = client.authorize(
                    new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), ALICE, ALICE_PASSWORD);
            Response tokens = client.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            refreshToken = (String) tokens.json().get("refresh_token");
            // the default URL's H2 settings (README "The embedded H2 database"): commits written
            // before they return, replaced chunks reused after 5 s, up to 2 s of compaction at a stop
            try (Connection connection = first.getBean(DataSource.class).getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet settings = statement.executeQuery("SELECT DISTINCT SETTING_NAME, SETTING_VALUE"
                            + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN"
                            + " ('WRITE_DELAY', 'RETENTION_TIME', 'MAX_COMPACT_TIME') ORDER BY SETTING_NAME")) {
                List<String> values = new ArrayList<>();
                while (settings.next()) {
                    values.add(settings.getString(1) + "=" + settings.getString(2));
                }
                assertThat(values).containsExactly("MAX_COMPACT_TIME=2000", "RETENTION_TIME=5000", "WRITE_DELAY=0");
            }
        }
        users = count("phoenix_user");
        clients = count("oauth2_registered_client");
        assertThat(rows("SELECT username FROM phoenix_user ORDER BY username"))
                .contains("USERNAME=alice;", "USERNAME=bob;", "USERNAME=carol;");
        assertThat(rows("SELECT client_id FROM oauth2_registered_client ORDER BY client_id"))
                .contains("CLIENT_ID=web;", "CLIENT_ID=service;", "CLIENT_ID=spa;");

        port = TestPorts.findFreePort();
        try (ConfigurableApplicationContext second = start(port, masterKey)) {
            OAuthTestClient client = new OAuthTestClient("http://localhost:" + port);
            OAuthTestClient.verifiedClaims(accessToken, client.jwks());
            assertThat(client.introspect(SERVICE, SERVICE_SECRET, accessToken)).containsEntry("active", true);
            Response refreshed = client.refreshBasic(WEB, WEB_SECRET, refreshToken);
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            assertThat(OAuthTestClient.loginSucceeded(client.login(ALICE, ALICE_PASSWORD)))
                    .isTrue();
            assertThat(client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(count("phoenix_user")).as("bootstrap is idempotent").isEqualTo(users);
        assertThat(count("oauth2_registered_client"))
                .as("bootstrap is idempotent")
                .isEqualTo(clients);

        List<String> keysBefore = rows("SELECT * FROM phoenix_signing_key ORDER BY kid");
        List<String> clientsBefore = rows("SELECT * FROM oauth2_registered_client ORDER BY client_id");
        List<String> usersBefore = rows("SELECT * FROM phoenix_user ORDER BY username");
        Path otherKey = writeKey("other.key", TestKeys.OTHER_MASTER_KEY_BASE64);

        Throwable failure =
                catchThrowable(() -> start(TestPorts.findFreePort(), otherKey).close());

        assertThat(failure).isNotNull();
        KeyDecryptionException keyFailure = causeOfType(failure, KeyDecryptionException.class);
        assertThat(keyFailure).as("cause chain of %s", failure).isNotNull();
        assertThat(keyFailure.getMessage()).contains("cannot be decrypted with this master key");
        FailureAnalysis analysis = new StartupFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("signing keys cannot be decrypted");
        assertThat(analysis.getAction()).contains("master key").contains("Nothing on disk was changed");
        assertThat(rows("SELECT * FROM phoenix_signing_key ORDER BY kid")).isEqualTo(keysBefore);
        assertThat(rows("SELECT * FROM oauth2_registered_client ORDER BY client_id"))
                .isEqualTo(clientsBefore);
        assertThat(rows("SELECT * FROM phoenix_user ORDER BY username")).isEqualTo(usersBefore);
    }

    @Test
    void startWhenClientSecretTooShortThenBootstrapExceptionNamingEntryAndFieldAndNothingStored() throws Exception {
        Path masterKey = writeKey("master.key", TestKeys.MASTER_KEY_BASE64);

        Throwable failure = catchThrowable(() -> start(
                        TestPorts.findFreePort(),
                        masterKey,
                        "--phoenix.bootstrap.clients[0].client-id=good-service",
                        "--phoenix.bootstrap.clients[0].client-secret=good-secret-0123456789-0123456789",
                        "--phoenix.bootstrap.clients[0].grant-types=client_credentials",
                        "--phoenix.bootstrap.clients[1].client-id=bad-service",
                        "--phoenix.bootstrap.clients[1].client-secret=too-short",
                        "--phoenix.bootstrap.clients[1].grant-types=client_credentials")
                .close());

        BootstrapException bootstrap = causeOfType(failure, BootstrapException.class);
        assertThat(bootstrap).as("cause chain of %s", failure).isNotNull();
        assertThat(bootstrap.getMessage())
                .contains("phoenix.bootstrap.clients[1]", "client-secret", "32")
                .doesNotContain("too-short");
        assertThat(new StartupFailureAnalyzer().analyze(failure).getDescription())
                .contains("phoenix.bootstrap.clients[1]");
        assertThat(count("oauth2_registered_client")).as("no entry applied").isZero();
        assertThat(count("phoenix_user")).as("no entry applied").isZero();
    }

    /**
     * Starts the application with the test profile on this test's data directory. Settings go in
     * as command-line arguments: {@code SpringApplicationBuilder.properties(...)} sets default
     * properties, which application.yml (server.port: 9000) would override.
     */
    private ConfigurableApplicationContext start(int port, Path masterKeyFile, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--phoenix.issuer=http://localhost:" + port,
                "--phoenix.data-dir=" + this.dataDir,
                "--phoenix.master-key-file=" + masterKeyFile));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(PhoenixAuthServerApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
    }

    private Path writeKey(String name, String base64) throws IOException {
        Path file = Files.createTempFile("phoenix-" + name, ".key");
        Files.writeString(file, base64);
        file.toFile().deleteOnExit();
        return file;
    }

    private long count(String table) throws SQLException {
        try (Connection db = openDatabase();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every column of every row, bytes as base64, read straight from the H2 files. */
    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = openDatabase();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.append(meta.getColumnName(i))
                            .append('=')
                            .append(
                                    (value instanceof byte[] bytes)
                                            ? Base64.getEncoder().encodeToString(bytes)
                                            : value)
                            .append(';');
                }
                rows.add(row.toString());
            }
        }
        assertThat(rows).as(sql).isNotNull();
        return rows;
    }

    private Connection openDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + this.dataDir.resolve("phoenix"), "phoenix", "");
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
