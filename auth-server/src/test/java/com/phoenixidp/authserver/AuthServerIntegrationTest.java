package com.phoenixidp.authserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the real application over real HTTP, with the {@code test}
 * profile's users and clients and its own data directory. The port is chosen once per JVM
 * ({@link TestPorts}) and set as {@code server.port}, so the issuer {@code http://localhost:<port>}
 * and the address the tests call are the same. Every subclass uses exactly this configuration
 * (no extra annotations, no {@code @MockitoBean}), so Spring starts the application once for all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
public abstract class AuthServerIntegrationTest {

    protected static final Path DATA_DIR = createDataDir();

    private static final String BIND_PASSWORD_FILE = TestDirectory.servicePasswordFile();

    /** A port nothing listens on: the issuer of the provider that is "down". */
    protected static final int CLOSED_PORT = TestPorts.findFreePort();

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void phoenixProperties(DynamicPropertyRegistry registry) {
        registry.add("phoenix.data-dir", DATA_DIR::toString);
        registry.add(
                "phoenix.master-key-file",
                () -> DATA_DIR.resolve("test-master.key").toString());
        registry.add("phoenix.issuer", AuthServerIntegrationTest::issuer);
        registry.add("server.port", TestPorts::port);
        registry.add("phoenix-test.client-jwks-uri", ClientKeyServer::jwkSetUri);
        registry.add("phoenix.ca.dir", () -> DATA_DIR.resolve("ca").toString());
        registry.add("phoenix.ca.create-if-missing", () -> "true");
        directory(registry);
        upstreamProviders(registry);
        if ("postgresql".equalsIgnoreCase(System.getProperty("phoenix.test.database"))) {
            EmbeddedPostgres postgres = SharedPostgres.INSTANCE;
            registry.add("spring.datasource.url", () -> postgres.url("phoenix"));
            registry.add("spring.datasource.username", () -> "phoenix");
            registry.add("spring.datasource.password", () -> postgres.password("phoenix"));
        }
    }

    /**
     * LDAP federation against the JVM's throw-away slapd ({@link TestDirectory}; off when slapd is
     * not installed, so that the other tests run without it). Users are added by the directory tests.
     */
    private static void directory(DynamicPropertyRegistry registry) {
        registry.add("phoenix.ldap.url", TestDirectory::urlIfInstalled);
        registry.add("phoenix.ldap.bind-dn", () -> TestDirectory.SERVICE_DN);
        registry.add("phoenix.ldap.bind-password-file", () -> BIND_PASSWORD_FILE);
        registry.add("phoenix.ldap.user-search-base", () -> TestDirectory.PEOPLE);
        registry.add("phoenix.ldap.group-search-base", () -> TestDirectory.GROUPS);
        registry.add("phoenix.ldap.group-role-mapping.developers", () -> "developer");
        registry.add("phoenix.ldap.group-role-mapping.ignored-group", () -> "");
        registry.add("phoenix.ldap.disabled-filter", () -> "(pwdAccountLockedTime=*)");
        registry.add("phoenix.ldap.recheck-interval", () -> "2s");
        registry.add("phoenix.ldap.connect-timeout", () -> "2s");
        registry.add("phoenix.ldap.response-timeout", () -> "5s");
    }

    /**
     * Upstream OpenID Connect providers: {@link FakeUpstream} under two aliases (link by subject,
     * and by verified e-mail), and one whose issuer does not answer.
     */
    private static void upstreamProviders(DynamicPropertyRegistry registry) {
        String fake = "phoenix.federation.providers.fake.";
        registry.add(fake + "issuer-uri", FakeUpstream::issuer);
        registry.add(fake + "client-id", () -> FakeUpstream.CLIENT_ID);
        registry.add(fake + "client-secret", () -> FakeUpstream.CLIENT_SECRET);
        registry.add(fake + "display-name", () -> "Fake Upstream");
        registry.add(fake + "roles-claim", () -> "groups");
        registry.add(fake + "role-mapping.upstream-admins", () -> "admin");
        String email = "phoenix.federation.providers.fake-email.";
        registry.add(email + "issuer-uri", FakeUpstream::issuer);
        registry.add(email + "client-id", () -> FakeUpstream.EMAIL_CLIENT_ID);
        registry.add(email + "client-secret", () -> FakeUpstream.CLIENT_SECRET);
        registry.add(email + "link-by", () -> "verified-email");
        String down = "phoenix.federation.providers.down.";
        registry.add(down + "issuer-uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add(down + "client-id", () -> "down-client");
        registry.add(down + "client-secret", () -> "down-secret-0123456789-0123456789");
        registry.add("phoenix.federation.connect-timeout", () -> "2s");
        registry.add("phoenix.federation.read-timeout", () -> "5s");
    }

    /** One cluster per test JVM, stopped when the JVM ends. */
    private static final class SharedPostgres {

        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            EmbeddedPostgres postgres = EmbeddedPostgres.start().createDatabase("phoenix");
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            return postgres;
        }
    }

    /** The issuer, which is also the base URL of every request. */
    protected static String issuer() {
        return "http://localhost:" + TestPorts.port();
    }

    protected String baseUrl() {
        return issuer();
    }

    /** A fresh user agent: its own cookies (session), no automatic redirects. */
    protected OAuthTestClient client() {
        return new OAuthTestClient(baseUrl());
    }

    /**
     * Waits until the back-off that {@code failures} consecutive failed password attempts of one
     * account started is over (1 s after the first, 2 s after the second ...; PasswordThrottle).
     */
    protected static void waitOutLoginBackoff(int failures) {
        try {
            Thread.sleep((1000L << Math.max(0, failures - 1)) + 150);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static Path createDataDir() {
        try {
            Path dir = Files.createTempDirectory("phoenix-it-");
            Files.writeString(dir.resolve("test-master.key"), TestKeys.MASTER_KEY_BASE64);
            return dir;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
