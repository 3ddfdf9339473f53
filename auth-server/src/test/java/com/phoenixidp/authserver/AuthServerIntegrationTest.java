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
