package com.phoenixidp.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 5, "What must show": the demo fleet ({@code demo/fleet.sh}) run for real — the built
 * auth-server holding the CA, catalog and orders behind mutual TLS — and checked with the real
 * {@code curl --cert/--key} and {@code openssl} command lines a user would type, reading the
 * settings from the {@code fleet.env} the script writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetCurlTest {

    /** The services reuse an OCSP answer this long in this test (passed through FLEET_REVOCATION_CACHE). */
    private static final Duration REVOCATION_CACHE = Duration.ofSeconds(2);

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final Path root =
            Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

    private final Path fleetDir =
            Path.of(System.getProperty("user.dir"), "target", "fleet-it").toAbsolutePath();

    private final Path work =
            Path.of(System.getProperty("user.dir"), "target", "fleet-it-work").toAbsolutePath();

    private final Map<String, String> fleetEnvironment = new HashMap<>();

    private Map<String, String> env;

    private Map<String, Long> pidsAtStart;

    private String clientToken;

    private long upMillis;

    private Thread shutdownHook;

    @BeforeAll
    void startFleet() throws Exception {
        for (String jar : List.of(
                "pki/target/pki.jar",
                "auth-server/target/auth-server.jar",
                "resource-server-demo/target/resource-server-demo.jar")) {
            assumeThat(this.root.resolve(jar))
                    .as("built jar (mvn -B -q package -DskipTests)")
                    .exists();
        }
        if (Files.isDirectory(this.fleetDir)) {
            fleet("down"); // a previous run that was interrupted
            deleteRecursively(this.fleetDir);
        }
        deleteRecursively(this.work);
        Files.createDirectories(this.work);
        this.fleetEnvironment.put("FLEET_IDP_PORT", String.valueOf(freePort()));
        this.fleetEnvironment.put("FLEET_CATALOG_PORT", String.valueOf(freePort()));
        this.fleetEnvironment.put("FLEET_ORDERS_PORT", String.valueOf(freePort()));
        this.fleetEnvironment.put("FLEET_WEB_PORT", String.valueOf(freePort()));
        this.fleetEnvironment.put("FLEET_REVOCATION_CACHE", REVOCATION_CACHE.toSeconds() + "s");
        this.fleetEnvironment.put("FLEET_JAVA_OPTS", "-Xms64m -Xmx384m -XX:TieredStopAtLevel=1");
        // if the test JVM is stopped before @AfterAll (Ctrl-C, surefire timeout), still stop the fleet
        this.shutdownHook = new Thread(() -> fleet("down"), "fleet-down");
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
        long started = System.nanoTime();
        Result up = fleet("up");
        this.upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(up.exitCode()).as("fleet.sh up failed:%n%s", up.output()).isZero();
        this.env = readEnv(this.fleetDir.resolve("fleet.env"));
        this.pidsAtStart = pids();
        System.out.printf("fleet up in %d ms, pids %s%n", this.upMillis, this.pidsAtStart);
    }

    @AfterAll
    void stopFleet() throws Exception {
        if (this.pidsAtStart == null && !Files.isDirectory(this.fleetDir.resolve("pids"))) {
            return;
        }
        if (this.shutdownHook != null) {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        Map<String, Long> pids = pids();
        Result down = fleet("down");
        assertThat(down.exitCode())
                .as("fleet.sh down failed:%n%s", down.output())
                .isZero();
        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // a zombie may await its reaper
            while (isAlive(pid.getValue()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(isAlive(pid.getValue()))
                    .as("%s (pid %d) still running after fleet.sh down", pid.getKey(), pid.getValue())
                    .isFalse();
        }
        assertThat(pids()).isEmpty();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    @Order(1)
    void fleetEnvNamesEverythingTheIssueAsksFor() {
        assertThat(this.env)
                .containsKeys(
                        "ISSUER",
                        "TOKEN_ENDPOINT",
                        "CA_ROOT",
                        "CA_DIR",
                        "CA_PASSWORD_FILE",
                        "CLIENT_ID",
                        "CLIENT_CERT",
                        "CLIENT_KEY",
                        "CLIENT2_CERT",
                        "CLIENT2_KEY",
                        "API_URL",
                        "CHAIN_URL",
                        "WEB_CLIENT_ID",
                        "WEB_CERT",
                        "WEB_KEY",
                        "WEB_PORT");
        for (String file : List.of(
                "CA_ROOT",
                "CA_PASSWORD_FILE",
                "CLIENT_CERT",
                "CLIENT_KEY",
                "CLIENT2_CERT",
                "CLIENT2_KEY",
                "WEB_CERT",
                "WEB_KEY")) {
            assertThat(Path.of(this.env.get(file))).as(file).isRegularFile();
        }
        assertThat(this.pidsAtStart).containsOnlyKeys("idp", "catalog", "orders");
    }

    @Test
    @Order(2)
    void fleetClientGetsATokenBoundToItsCertificate() throws Exception {
        Result response = curl(
                "--cert",
                env("CLIENT_CERT"),
                "--key",
                env("CLIENT_KEY"),
                "--cacert",
                env("CA_ROOT"),
                "-d",
                "grant_type=client_credentials",
                "-d",
                "client_id=" + env("CLIENT_ID"),
                "-d",
                "scope=api.read",
                env("TOKEN_ENDPOINT"));
        assertThat(response.status()).as(response.output()).isEqualTo(200);
        this.clientToken = accessToken(response);
        String claims = claims(this.clientToken);
        assertThat(claims).contains("\"x5t#S256\":\"" + thumbprint(env("CLIENT_CERT")) + "\"");
        assertThat(claims).contains("api.read");
    }

    @Test
    @Order(3)
    void boundTokenWithItsCertificateReadsTheApi() {
        Result response = curl(withClient(), "-H", "Authorization: Bearer " + token(), env("API_URL"));
        assertThat(response.status()).as(response.output()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void boundTokenOverAnotherCertificateIsInvalid() {
        Result response = curl(withClient2(), "-H", "Authorization: Bearer " + token(), env("API_URL"));
        assertThat(response.status()).as(response.output()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    @Test
    @Order(5)
    void noClientCertificateIsRefusedInTheHandshake() {
        Result response = curl("--cacert", env("CA_ROOT"), "-H", "Authorization: Bearer " + token(), env("API_URL"));
        assertThat(response.exitCode()).as(response.output()).isIn(35, 56);
        assertThat(response.status()).isZero();
    }

    @Test
    @Order(6)
    void certificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
        Path key = this.work.resolve("other-ca.key");
        Path cert = this.work.resolve("other-ca.crt");
        Result made = run(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:P-256",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-days",
                        "1",
                        "-subj",
                        "/CN=fleet-client"),
                Duration.ofSeconds(30));
        assertThat(made.exitCode()).as(made.output()).isZero();
        Result response = curl(
                "--cert",
                cert.toString(),
                "--key",
                key.toString(),
                "--cacert",
                env("CA_ROOT"),
                "-H",
                "Authorization: Bearer " + token(),
                env("API_URL"));
        assertThat(response.exitCode()).as(response.output()).isIn(35, 56);
    }

    @Test
    @Order(7)
    void writingWithAReadTokenIsInsufficientScope() {
        Result response = curl(
                withClient(),
                "-X",
                "POST",
                "-H",
                "Content-Type: application/json",
                "-d",
                "{}",
                "-H",
                "Authorization: Bearer " + token(),
                env("API_URL"));
        assertThat(response.status()).as(response.output()).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
    }

    @Test
    @Order(8)
    void tokenThatIsNotCertificateBoundIsInvalid() throws Exception {
        String secret =
                Files.readString(Path.of(env("UNBOUND_CLIENT_SECRET_FILE"))).trim();
        Result tokenResponse = curl(
                "--cacert",
                env("CA_ROOT"),
                "-u",
                env("UNBOUND_CLIENT_ID") + ":" + secret,
                "-d",
                "grant_type=client_credentials",
                "-d",
                "scope=api.read",
                env("TOKEN_ENDPOINT"));
        assertThat(tokenResponse.status()).as(tokenResponse.output()).isEqualTo(200);
        String unbound = accessToken(tokenResponse);
        assertThat(claims(unbound)).doesNotContain("x5t#S256");
        Result response = curl(withClient(), "-H", "Authorization: Bearer " + unbound, env("API_URL"));
        assertThat(response.status()).as(response.output()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    @Order(9)
    void serviceToServiceChainWorks() {
        Result response = curl(withClient(), "-H", "Authorization: Bearer " + token(), env("CHAIN_URL"));
        assertThat(response.status()).as(response.output()).isEqualTo(200);
        String body = response.body();
        assertThat(body)
                .contains("\"client_id\":\"orders-service\"")
                .contains("CN=orders-service")
                .contains("\"catalog_status\":200")
                .contains("catalog_saw")
                .contains("fleet-client");
    }

    /** Issue 6: the service-client sample over real mTLS, against the running fleet. */
    @Test
    @Order(10)
    void serviceClientSampleGetsABoundTokenAndCallsTheApi() {
        Path jar = this.root.resolve("client-samples/service-client/target/service-client.jar");
        assumeThat(jar).as("built service-client jar").exists();
        Result result = run(
                List.of(
                        "java",
                        "-jar",
                        jar.toString(),
                        "--token-endpoint",
                        env("TOKEN_ENDPOINT"),
                        "--client-id",
                        env("CLIENT_ID"),
                        "--cert",
                        env("CLIENT_CERT"),
                        "--key",
                        env("CLIENT_KEY"),
                        "--ca",
                        env("CA_ROOT"),
                        "--api",
                        env("API_URL"),
                        "--scope",
                        "api.read"),
                Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("x5t#S256")
                .doesNotContain(this.clientToken == null ? "\u0000" : this.clientToken);

        Result refused = run(
                List.of(
                        "java",
                        "-jar",
                        jar.toString(),
                        "--token-endpoint",
                        env("TOKEN_ENDPOINT"),
                        "--client-id",
                        "orders-service",
                        "--cert",
                        env("CLIENT_CERT"),
                        "--key",
                        env("CLIENT_KEY"),
                        "--ca",
                        env("CA_ROOT"),
                        "--api",
                        env("API_URL")),
                Duration.ofSeconds(60));
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("invalid_client");
    }

    /**
     * Issue 6: the web-app sample against the running fleet — a user signs in on the IdP's login
     * page, the app gets its tokens over mutual TLS (tls_client_auth, tokens bound to its
     * certificate) and calls catalog's API over the same certificate.
     */
    @Test
    @Order(10)
    void webAppSampleSignsInAndCallsTheApiWithItsBoundToken() throws Exception {
        Path jar = this.root.resolve("client-samples/web-app/target/web-app.jar");
        assumeThat(jar).as("built web-app jar").exists();
        String webUrl = "http://localhost:" + env("WEB_PORT");
        Path log = this.work.resolve("web-app.log");
        // the command line of the README (web-app, "against the fleet")
        Process webApp = new ProcessBuilder(
                        "java",
                        "-Xms64m",
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + env("WEB_PORT"),
                        "--spring.security.oauth2.client.provider.phoenix.issuer-uri=" + env("ISSUER"),
                        "--spring.security.oauth2.client.registration.phoenix.client-id=" + env("WEB_CLIENT_ID"),
                        "--spring.security.oauth2.client.registration.phoenix.client-authentication-method=tls_client_auth",
                        "--spring.security.oauth2.client.registration.phoenix.scope=openid,profile,api.read",
                        "--phoenix.client-tls.bundle=client",
                        "--spring.ssl.bundle.pem.client.keystore.certificate=file:" + env("WEB_CERT"),
                        "--spring.ssl.bundle.pem.client.keystore.private-key=file:" + env("WEB_KEY"),
                        "--spring.ssl.bundle.pem.client.truststore.certificate=file:" + env("CA_ROOT"),
                        "--phoenix.api-url=" + env("API_URL"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            HttpClient browser = HttpClient.newBuilder()
                    .cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.ALWAYS) // https IdP -> http web-app too
                    .sslContext(trusting(env("CA_ROOT")))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            HttpResponse<String> home = null;
            while (System.nanoTime() < deadline) {
                assertThat(webApp.isAlive())
                        .as("web-app exited:%n%s", readLog(log))
                        .isTrue();
                try {
                    home = browser.send(
                            HttpRequest.newBuilder(URI.create(webUrl + "/"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (home.statusCode() == 200) {
                        break;
                    }
                } catch (IOException ex) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            assertThat(home).as("web-app did not answer:%n%s", readLog(log)).isNotNull();
            assertThat(home.statusCode()).isEqualTo(200);

            // sign-in: the web-app sends the browser to the IdP, which shows its login page
            HttpResponse<String> loginPage = browser.send(
                    HttpRequest.newBuilder(URI.create(webUrl + "/oauth2/authorization/phoenix"))
                            .header("Accept", HTML)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(loginPage.uri().toString())
                    .as("HTTP %d%n%s", loginPage.statusCode(), loginPage.body())
                    .startsWith(env("ISSUER") + "/login");
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"")
                    .matcher(loginPage.body());
            assertThat(csrf.find())
                    .as("_csrf in the login page:%n%s", loginPage.body())
                    .isTrue();
            String password = Files.readString(this.fleetDir.resolve("idp/secrets/alice.password"))
                    .trim();
            String form = "username=alice&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> signedIn = browser.send(
                    HttpRequest.newBuilder(URI.create(env("ISSUER") + "/login"))
                            .header("Accept", HTML)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.uri().toString())
                    .as("after sign-in:%n%s%n%s", signedIn.body(), readLog(log))
                    .isEqualTo(webUrl + "/");
            String page = signedIn.body();
            assertThat(page).as(page).doesNotContain("id=\"api-error\"");
            Matcher api = Pattern.compile("id=\"api\"[^>]*>([^<]*)<").matcher(page);
            assertThat(api.find())
                    .as("element api in:%n%s%n%s", page, readLog(log))
                    .isTrue();
            assertThat(api.group(1)).contains("HTTP 200");
            assertThat(page).contains("alice");
        } finally {
            webApp.destroy();
            if (!webApp.waitFor(20, TimeUnit.SECONDS)) {
                webApp.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** What a browser accepts for a page: the IdP redirects such requests to its login page. */
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static String readLog(Path log) {
        try {
            String text = Files.readString(log);
            return (text.length() > 8000) ? text.substring(text.length() - 8000) : text;
        } catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    /** An SSL context that trusts the CA whose root certificate is in the PEM file (the test's "browser"). */
    private static SSLContext trusting(String rootPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("root", certificate(rootPem));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    @Order(10)
    void revokedAccessTokenIsRefusedByTheApiWithinFiveSeconds() throws Exception {
        Result tokenResponse = curl(
                withClient(),
                "-d",
                "grant_type=client_credentials",
                "-d",
                "client_id=" + env("CLIENT_ID"),
                "-d",
                "scope=api.read",
                env("TOKEN_ENDPOINT"));
        assertThat(tokenResponse.status()).as(tokenResponse.output()).isEqualTo(200);
        String token = accessToken(tokenResponse);
        assertThat(header(token)).contains("\"typ\":\"at+jwt\"");
        assertThat(claims(token)).contains("\"scope\":\"api.read\"");
        assertThat(curl(withClient(), "-H", "Authorization: Bearer " + token, env("API_URL"))
                        .status())
                .isEqualTo(200);

        // RFC 7009, the client authenticating with its certificate (tls_client_auth)
        Result revoke = curl(
                withClient(),
                "-d",
                "client_id=" + env("CLIENT_ID"),
                "-d",
                "token=" + token,
                "-d",
                "token_type_hint=access_token",
                env("ISSUER") + "/oauth2/revoke");
        assertThat(revoke.status()).as(revoke.output()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        Result after;
        do {
            after = curl(withClient(), "-H", "Authorization: Bearer " + token, env("API_URL"));
            if (after.status() == 401) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() - revokedAt < TimeUnit.SECONDS.toNanos(5));
        long refusedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);

        assertThat(after.status())
                .as("revoked token still accepted %d ms after RFC 7009 revocation: %s", refusedAfter, after.output())
                .isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        System.out.printf("revoked access token refused by catalog %d ms after /oauth2/revoke%n", refusedAfter);
    }

    @Test
    @Order(10)
    void idpServesTheRootOfTheFleetCa() throws Exception {
        Path served = this.work.resolve("served-root.crt");
        Result response = run(
                List.of(
                        "curl",
                        "-s",
                        "-f",
                        "--cacert",
                        env("CA_ROOT"),
                        "-o",
                        served.toString(),
                        env("ISSUER") + "/pki/root.crt"),
                Duration.ofSeconds(30));
        assertThat(response.exitCode()).as(response.output()).isZero();
        assertThat(certificate(served.toString())).isEqualTo(certificate(env("CA_ROOT")));
    }

    @Test
    @Order(11)
    void revokedClientCertificateIsRefusedWithinTheCacheWindow() throws Exception {
        // CLIENT2 is registered too (same subject DN), so it gets a token bound to itself and may call the API
        Result tokenResponse = curl(
                withClient2(),
                "-d",
                "grant_type=client_credentials",
                "-d",
                "client_id=" + env("CLIENT_ID"),
                "-d",
                "scope=api.read",
                env("TOKEN_ENDPOINT"));
        assertThat(tokenResponse.status()).as(tokenResponse.output()).isEqualTo(200);
        String client2Token = accessToken(tokenResponse);
        Result before = curl(withClient2(), "-H", "Authorization: Bearer " + client2Token, env("API_URL"));
        assertThat(before.status()).as(before.output()).isEqualTo(200);
        assertThat(ocspStatus(env("CLIENT2_CERT"))).isEqualTo("good");

        // the serial as the README gets it: openssl x509 -noout -serial
        Result serialOutput = run(
                List.of("openssl", "x509", "-in", env("CLIENT2_CERT"), "-noout", "-serial"), Duration.ofSeconds(30));
        assertThat(serialOutput.output().trim()).startsWith("serial=");
        String serial = serialOutput.output().trim().substring("serial=".length());
        assertThat(new BigInteger(serial, 16).toString(16)).isEqualTo(serial(env("CLIENT2_CERT")));
        Result revoke = run(
                List.of(
                        "java",
                        "-jar",
                        this.root.resolve("pki/target/pki.jar").toString(),
                        "revoke",
                        "--dir",
                        env("CA_DIR"),
                        "--serial",
                        serial,
                        "--reason",
                        "keyCompromise",
                        "--password-file",
                        env("CA_PASSWORD_FILE")),
                Duration.ofSeconds(60));
        assertThat(revoke.exitCode()).as(revoke.output()).isZero();
        long revokedAt = System.nanoTime();

        assertThat(ocspStatus(env("CLIENT2_CERT"))).isEqualTo("revoked");

        Duration allowed = REVOCATION_CACHE.plusSeconds(15);
        Result after;
        do {
            after = curl(withClient2(), "-H", "Authorization: Bearer " + client2Token, env("API_URL"));
            if (after.status() == 403) {
                break;
            }
            Thread.sleep(250);
        } while (System.nanoTime() - revokedAt < allowed.toNanos());
        long refusedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);
        assertThat(after.status())
                .as("CLIENT2 after revocation: %s", after.output())
                .isEqualTo(403);
        assertThat(after.body()).contains("certificate_revoked");
        System.out.printf(
                "revoked CLIENT2 refused by catalog %d ms after pki revoke (cache %s)%n",
                refusedAfter, REVOCATION_CACHE);

        Result chain = curl(withClient2(), "-H", "Authorization: Bearer " + client2Token, env("CHAIN_URL"));
        assertThat(chain.status()).as(chain.output()).isEqualTo(403);

        Result newToken = curl(
                withClient2(),
                "-d",
                "grant_type=client_credentials",
                "-d",
                "client_id=" + env("CLIENT_ID"),
                "-d",
                "scope=api.read",
                env("TOKEN_ENDPOINT"));
        assertThat(newToken.status())
                .as("IdP token request with the revoked CLIENT2: %s", newToken.output())
                .isIn(400, 401);
        assertThat(newToken.body()).contains("invalid_client");

        Result stillFine = curl(withClient(), "-H", "Authorization: Bearer " + token(), env("API_URL"));
        assertThat(stillFine.status()).as(stillFine.output()).isEqualTo(200);
    }

    @Test
    @Order(12)
    void upTwiceIsSafe() throws Exception {
        String clientSerial = serial(env("CLIENT_CERT"));
        String rootBefore = Files.readString(Path.of(env("CA_ROOT")));
        Result again = fleet("up");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("idp already running", "catalog already running", "orders already running");
        assertThat(pids()).isEqualTo(this.pidsAtStart);
        assertThat(Files.readString(Path.of(env("CA_ROOT")))).isEqualTo(rootBefore);
        assertThat(serial(env("CLIENT_CERT"))).isEqualTo(clientSerial);
        assertThat(readEnv(this.fleetDir.resolve("fleet.env"))).isEqualTo(this.env);
        // the revoked CLIENT2 certificate was replaced by a fresh one, which works at once
        assertThat(again.output()).contains("certificate client2 is revoked; issuing a new one");
        Result response = curl(
                withClient2(),
                "-d",
                "grant_type=client_credentials",
                "-d",
                "client_id=" + env("CLIENT_ID"),
                "-d",
                "scope=api.read",
                env("TOKEN_ENDPOINT"));
        assertThat(response.status()).as(response.output()).isEqualTo(200);
        Result api = curl(withClient2(), "-H", "Authorization: Bearer " + accessToken(response), env("API_URL"));
        assertThat(api.status()).as(api.output()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private String token() {
        assertThat(this.clientToken)
                .as("token from fleetClientGetsATokenBoundToItsCertificate")
                .isNotNull();
        return this.clientToken;
    }

    private String env(String name) {
        String value = this.env.get(name);
        assertThat(value).as("%s in fleet.env", name).isNotBlank();
        return value;
    }

    private List<String> withClient() {
        return List.of("--cert", env("CLIENT_CERT"), "--key", env("CLIENT_KEY"), "--cacert", env("CA_ROOT"));
    }

    private List<String> withClient2() {
        return List.of("--cert", env("CLIENT2_CERT"), "--key", env("CLIENT2_KEY"), "--cacert", env("CA_ROOT"));
    }

    private Result fleet(String command) {
        List<String> commandLine = List.of(
                "bash", this.root.resolve("demo/fleet.sh").toString(), command, "--dir", this.fleetDir.toString());
        Result result = run(commandLine, this.fleetEnvironment, Duration.ofMinutes(5));
        System.out.printf("$ demo/fleet.sh %s (exit %d)%n%s%n", command, result.exitCode(), result.output());
        return result;
    }

    private Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        Path dir = this.fleetDir.resolve("pids");
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                pids.put(
                        file.getFileName().toString().replace(".pid", ""),
                        Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }

    /** curl with {@code -s -i}: status and headers from the output, exit code kept. */
    private Result curl(Object... arguments) {
        List<String> commandLine = new ArrayList<>(List.of("curl", "-s", "-i", "--max-time", "20"));
        for (Object argument : arguments) {
            if (argument instanceof List<?> list) {
                list.forEach((item) -> commandLine.add(item.toString()));
            } else {
                commandLine.add(argument.toString());
            }
        }
        return run(commandLine, Duration.ofSeconds(30));
    }

    /** openssl builds the OCSP request, curl posts it to the IdP, openssl verifies and reads the answer. */
    private String ocspStatus(String certificate) {
        Path request = this.work.resolve("ocsp-request.der");
        Path response = this.work.resolve("ocsp-response.der");
        String issuer = Path.of(env("CA_DIR"), "intermediate.crt").toString();
        Result made = run(
                List.of(
                        "openssl",
                        "ocsp",
                        "-issuer",
                        issuer,
                        "-cert",
                        certificate,
                        "-no_nonce",
                        "-reqout",
                        request.toString()),
                Duration.ofSeconds(30));
        assertThat(made.exitCode()).as(made.output()).isZero();
        Result posted = run(
                List.of(
                        "curl",
                        "-s",
                        "-f",
                        "--cacert",
                        env("CA_ROOT"),
                        "-H",
                        "Content-Type: application/ocsp-request",
                        "--data-binary",
                        "@" + request,
                        "-o",
                        response.toString(),
                        env("ISSUER") + "/pki/ocsp"),
                Duration.ofSeconds(30));
        assertThat(posted.exitCode()).as(posted.output()).isZero();
        Result read = run(
                List.of(
                        "openssl",
                        "ocsp",
                        "-respin",
                        response.toString(),
                        "-issuer",
                        issuer,
                        "-cert",
                        certificate,
                        "-CAfile",
                        env("CA_ROOT"),
                        "-no_nonce"),
                Duration.ofSeconds(30));
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(read.output()).contains("Response verify OK");
        Matcher status =
                Pattern.compile(Pattern.quote(certificate) + ": (\\w+)").matcher(read.output());
        assertThat(status.find()).as(read.output()).isTrue();
        return status.group(1);
    }

    private static String accessToken(Result response) {
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        assertThat(matcher.find()).as("access_token in %s", response.body()).isTrue();
        return matcher.group(1);
    }

    private static String header(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).replace(" ", "");
    }

    private static String claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(" ", "");
    }

    private static X509Certificate certificate(String pemFile) throws Exception {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(Path.of(pemFile)))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** RFC 8705 section 3.1: base64url(SHA-256(DER)) of the first certificate in the file. */
    private static String thumbprint(String pemFile) throws Exception {
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(certificate(pemFile).getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String serial(String pemFile) throws Exception {
        return certificate(pemFile).getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Reads the {@code NAME='value'} lines of fleet.env (the script writes single-quoted values). */
    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Pattern assignment = Pattern.compile("^([A-Z0-9_]+)='([^']*)'$");
        for (String line : Files.readAllLines(file)) {
            Matcher matcher = assignment.matcher(line);
            if (matcher.matches()) {
                values.put(matcher.group(1), matcher.group(2));
            }
        }
        return values;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Result run(List<String> commandLine, Duration timeout) {
        return run(commandLine, Map.of(), timeout);
    }

    private static Result run(List<String> commandLine, Map<String, String> environment, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + commandLine);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** A finished command; for {@code curl -i}, also the HTTP status, headers and body. */
    record Result(int exitCode, String output) {

        int status() {
            Matcher matcher =
                    Pattern.compile("^HTTP/[\\d.]+ (\\d{3})", Pattern.MULTILINE).matcher(this.output);
            int status = 0;
            while (matcher.find()) { // the last one (after 100 Continue)
                status = Integer.parseInt(matcher.group(1));
            }
            return status;
        }

        String header(String name) {
            Matcher matcher = Pattern.compile(
                            "^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE)
                    .matcher(headers());
            return matcher.find() ? matcher.group(1) : "";
        }

        private String headers() {
            int end = this.output.indexOf("\r\n\r\n");
            return (end < 0) ? this.output : this.output.substring(0, end);
        }

        String body() {
            int end = this.output.indexOf("\r\n\r\n");
            return (end < 0) ? this.output : this.output.substring(end + 4);
        }
    }
}
