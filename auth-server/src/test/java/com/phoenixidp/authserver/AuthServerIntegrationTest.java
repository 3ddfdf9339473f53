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
        if ("postgresql".equalsIgnoreCase(System.getProperty("phoenix.test.database"))) {
            EmbeddedPostgres postgres = SharedPostgres.INSTANCE;
            registry.add("spring.datasource.url", () -> postgres.url("phoenix"));
            registry.add("spring.datasource.username", () -> "phoenix");
            registry.add("spring.datasource.password", () -> postgres.password("phoenix"));
        }
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
