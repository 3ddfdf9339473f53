package com.phoenixidp.authserver.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerNode;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.ClientCredentialsLoad;
import com.phoenixidp.authserver.EmbeddedPostgres;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.RoundRobinProxy;
import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.authserver.TestPorts;
import com.phoenixidp.authserver.token.TokenHashes;
import com.phoenixidp.crypto.keys.MasterKey;
import com.phoenixidp.crypto.secret.ClientSecretHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Three auth-server nodes (the packaged jar, as processes) on one PostgreSQL database (a
 * throw-away cluster) behind a round-robin load balancer without sticky sessions, which sends
 * every request to the next node. They start at the same moment on the empty database; then a
 * browser signs in, consents, registers and uses a passkey and verifies a device with every
 * request on another node; refresh-token reuse, concurrent refreshes, key rotation, a new
 * client and failed logins are seen by all nodes; housekeeping removes expired rows once; and a
 * node killed with SIGKILL under load loses no acknowledged token and rejoins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodePostgresIT {

    static final String ALICE = "alice";

    static final String ALICE_PASSWORD = "alice-password-1";

    static final String WEB = "web";

    static final String WEB_SECRET = "web-secret-0123456789-0123456789-abc";

    static final String SERVICE = "service";

    static final String SERVICE_SECRET = "service-secret-0123456789-0123456789";

    static final String ADMIN = "admin-tool";

    static final String ADMIN_SECRET = "admin-secret-0123456789-0123456789-x";

    static final Duration HOUSEKEEPING_INTERVAL = Duration.ofSeconds(3);

    static EmbeddedPostgres postgres;

    static RoundRobinProxy proxy;

    static final List<AuthServerNode> nodes = new ArrayList<>();

    static JdbcTemplate database;

    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        AuthServerNode.jar(); // skip (or on CI fail) before starting anything when it is not built
        dir = Files.createTempDirectory("phoenix-cluster-");
        postgres = EmbeddedPostgres.start().createDatabase("phoenix");
        database = new JdbcTemplate(postgres.dataSource("phoenix"));
        List<Integer> ports = List.of(TestPorts.findFreePort(), TestPorts.findFreePort(), TestPorts.findFreePort());
        proxy = RoundRobinProxy.start(TestPorts.findFreePort(), ports);
        Path masterKey = Files.writeString(dir.resolve("master.key"), TestKeys.MASTER_KEY_BASE64);
        Path config = Files.writeString(dir.resolve("cluster.yml"), nodeConfig(proxy.baseUrl()));
        for (int i = 0; i < ports.size(); i++) {
            List<String> args = new ArrayList<>(postgres.springArguments("phoenix"));
            args.addAll(List.of(
                    "--phoenix.issuer=" + proxy.baseUrl(),
                    "--phoenix.data-dir=" + dir.resolve("node-" + i),
                    "--phoenix.master-key-file=" + masterKey,
                    "--spring.config.additional-location=file:" + config));
            // all at the same moment, on the empty database
            nodes.add(AuthServerNode.launch("node-" + i, ports.get(i), dir, args));
        }
        for (AuthServerNode node : nodes) {
            node.awaitHealthy();
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        nodes.forEach(AuthServerNode::close);
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        // the nodes' logs stay with the build's reports (CI artifacts); the rest goes
        Path logs = Files.createDirectories(Path.of("target", "it-logs", "MultiNodePostgresIT"));
        for (AuthServerNode node : nodes) {
            Files.writeString(logs.resolve(node.name() + ".log"), node.log());
        }
        if (dir != null) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach((p) -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void startWhenThreeNodesStartTogetherOnEmptyDatabaseThenOneKeySetAndOneMigrationHistory() {
        for (String alg : List.of("RS256", "ES256")) {
            for (String status : List.of("ACTIVE", "NEXT")) {
                assertThat(database.queryForObject(
                                "SELECT COUNT(*) FROM phoenix_signing_key WHERE algorithm = ? AND status = ?",
                                Integer.class,
                                alg,
                                status))
                        .as("%s %s keys", alg, status)
                        .isEqualTo(1);
            }
        }
        assertThat(database.queryForList(
                        "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                                + " GROUP BY version HAVING COUNT(*) > 1",
                        String.class))
                .as("migrations applied twice")
                .isEmpty();
        assertThat(database.queryForObject(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success", Integer.class))
                .isZero();
        assertThat(database.queryForObject(
                        "SELECT COUNT(*) FROM phoenix_user WHERE username_key = 'alice'", Integer.class))
                .as("bootstrap applied once")
                .isEqualTo(1);
        Set<String> kids = kids(nodes.get(0).baseUrl());
        assertThat(kids)
                .as("an ACTIVE and a NEXT key per algorithm (RS256, ES256, EdDSA)")
                .hasSize(6);
        assertThat(nodes).allSatisfy((node) -> assertThat(kids(node.baseUrl())).isEqualTo(kids));
    }

    @Test
    @Order(2)
    void browserWhenEveryRequestGoesToAnotherNodeThenSignInConsentPasskeyAndDeviceVerificationComplete() {
        int firstRequest = proxy.forwarded().size();
        try (ChromeBrowser browser = ChromeBrowser.start(proxy.baseUrl())) {
            // authorization code + PKCE: sign-in and consent, every request on the next node
            Pkce pkce = OAuthTestClient.pkce();
            String redirect = proxy.baseUrl() + "/cb";
            AuthorizationRequest request = new AuthorizationRequest(WEB, redirect, "openid profile api.read")
                    .pkce(pkce)
                    .param("nonce", "n-" + UUID.randomUUID());
            browser.open("/oauth2/authorize?" + request.query());
            browser.waitForPath("/login");
            browser.passwordLogin(ALICE, ALICE_PASSWORD);
            browser.click("consent-approve");
            Map<String, String> callback = OAuthTestClient.queryParams(browser.waitForUrlStartingWith(redirect));
            assertThat(callback).containsEntry("state", request.state()).containsKey("code");
            OAuthTestClient http = new OAuthTestClient(proxy.baseUrl());
            Response tokens = http.exchangeCodeBasic(WEB, WEB_SECRET, callback.get("code"), redirect, pkce.verifier());
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            JWTClaimsSet id =
                    OAuthTestClient.verifiedClaims((String) tokens.json().get("id_token"), http.jwks());
            assertThat(id.getSubject()).isEqualTo(ALICE);
            assertThat(id.getIssuer()).isEqualTo(proxy.baseUrl());

            // a passkey ceremony: options from one node, the result verified by another
            browser.open("/account");
            browser.element("passkey-name").sendKeys("Cluster laptop");
            browser.click("passkey-register");
            browser.waitFor().until((d) -> browser.passkeyItems().size() == 1);
            browser.click("logout");
            browser.waitForPath("/login");
            browser.click("passkey-login");
            browser.waitForPath("/");

            // device verification: started by the device on one node, confirmed in the browser on others
            OAuthTestClient device = new OAuthTestClient(proxy.baseUrl());
            Response started = device.postForm(
                    "/oauth2/device_authorization", Map.of("client_id", "device-app", "scope", "profile api.read"));
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            browser.open((String) started.json().get("verification_uri_complete"));
            browser.click("device-submit");
            browser.click("consent-approve");
            browser.element("device-success");
            Response deviceTokens = device.postForm(
                    "/oauth2/token",
                    Map.of(
                            "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                            "device_code", (String) started.json().get("device_code"),
                            "client_id", "device-app"));
            assertThat(deviceTokens.status()).as(deviceTokens.body()).isEqualTo(200);
        }
        List<RoundRobinProxy.Forwarded> flow =
                proxy.forwarded().subList(firstRequest, proxy.forwarded().size());
        assertThat(flow.stream().map(RoundRobinProxy.Forwarded::node).distinct())
                .containsExactlyInAnyOrder(0, 1, 2);
        for (int i = 1; i < flow.size(); i++) {
            assertThat(flow.get(i).node())
                    .as("request %d went to another node", i)
                    .isNotEqualTo(flow.get(i - 1).node());
        }
        assertThat(flow).extracting(RoundRobinProxy.Forwarded::request).anyMatch((r) -> r.startsWith("POST /login"));
    }

    @Test
    @Order(3)
    void refreshWhenRotatedTokenReplayedAtAnotherNodeThenFamilyRevokedEverywhere() {
        Map<String, Object> tokens = codeFlowTokens();
        OAuthTestClient a = new OAuthTestClient(nodes.get(0).baseUrl());
        OAuthTestClient b = new OAuthTestClient(nodes.get(1).baseUrl());
        OAuthTestClient c = new OAuthTestClient(nodes.get(2).baseUrl());
        Response rotated = a.refreshBasic(WEB, WEB_SECRET, (String) tokens.get("refresh_token"));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);

        Response replay = b.refreshBasic(WEB, WEB_SECRET, (String) tokens.get("refresh_token"));

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json()).containsEntry("error", "invalid_grant");
        Response newest =
                c.refreshBasic(WEB, WEB_SECRET, (String) rotated.json().get("refresh_token"));
        assertThat(newest.status()).as("the family is revoked on every node").isEqualTo(400);
        assertThat(a.introspect(WEB, WEB_SECRET, (String) rotated.json().get("access_token")))
                .containsEntry("active", false);
    }

    @Test
    @Order(4)
    void refreshWhenNineConcurrentRequestsOnThreeNodesThenAtMostOneGetsTokensAndNoneAServerError() throws Exception {
        String refreshToken = (String) codeFlowTokens().get("refresh_token");

        List<Response> answers = concurrently(
                9, (i) -> new OAuthTestClient(nodes.get(i % 3).baseUrl()).refreshBasic(WEB, WEB_SECRET, refreshToken));

        assertThat(answers).extracting(Response::status).allMatch((s) -> s == 200 || s == 400);
        assertThat(answers.stream().filter((r) -> r.status() == 200)).hasSizeLessThanOrEqualTo(1);
        assertThat(answers.stream().filter((r) -> r.status() == 400))
                .allSatisfy((r) -> assertThat(r.json()).containsEntry("error", "invalid_grant"));
    }

    @Test
    @Order(5)
    void rotateWhenOnOneNodeThenEveryNodePublishesAndSignsWithTheNewKeysWithinSeconds() {
        OAuthTestClient a = new OAuthTestClient(nodes.get(0).baseUrl());
        String adminToken = (String) a.clientCredentialsBasic(ADMIN, ADMIN_SECRET, "phoenix.admin")
                .json()
                .get("access_token");

        Response rotated = a.post("/admin/keys/rotate", null, "", "Authorization", "Bearer " + adminToken);

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        Set<String> published = kids(nodes.get(0).baseUrl());
        String active = database.queryForObject(
                "SELECT kid FROM phoenix_signing_key WHERE algorithm = 'RS256' AND status = 'ACTIVE'", String.class);
        for (AuthServerNode node : nodes) {
            OAuthTestClient client = new OAuthTestClient(node.baseUrl());
            awaitTrue(
                    node.name() + " publishes and signs with the rotated keys",
                    Duration.ofSeconds(20),
                    () -> kids(node.baseUrl()).equals(published)
                            && active.equals(OAuthTestClient.kidOf(serviceToken(client))));
        }
    }

    @Test
    @Order(6)
    void clientWhenStoredThenUsableAtEveryNodeAtOnceAndWhenDeletedRefusedEverywhereWithinSeconds() {
        // stored as a node stores it (Spring Authorization Server's JDBC repository, secret hashed
        // under the shared master key); the admin API for clients comes from another change
        String clientId = "late-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "late-secret-0123456789-0123456789-xyz";
        ClientSecretHasher hasher = new ClientSecretHasher(
                MasterKey.fromBase64(TestKeys.MASTER_KEY_BASE64).deriveKey("phoenix/client-secret/v1"));
        JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(database);
        clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret(hasher.hash(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("api.read")
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .build())
                .build());

        for (AuthServerNode node : nodes) {
            Response token = new OAuthTestClient(node.baseUrl()).clientCredentialsBasic(clientId, secret, "api.read");
            assertThat(token.status()).as(node.name() + ": " + token.body()).isEqualTo(200);
        }
        database.update("DELETE FROM oauth2_registered_client WHERE client_id = ?", clientId);
        for (AuthServerNode node : nodes) {
            OAuthTestClient client = new OAuthTestClient(node.baseUrl());
            awaitTrue(
                    node.name() + " refuses the deleted client",
                    Duration.ofSeconds(20),
                    () -> client.clientCredentialsBasic(clientId, secret, "api.read")
                                    .status()
                            == 401);
        }
    }

    @Test
    @Order(7)
    void loginWhenWrongPasswordsSpreadOverNodesThenCountedTogetherAndThrottledEverywhere() throws Exception {
        // each wrong password reaches another node after the back-off the previous one set (1 s,
        // then 2 s), so each is checked and counted, in the one counter all nodes share
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                Thread.sleep((1000L << (i - 1)) + 200);
            }
            Response failed = new OAuthTestClient(nodes.get(i).baseUrl()).login("lars", "not-the-password");
            assertThat(OAuthTestClient.loginSucceeded(failed)).isFalse();
        }
        assertThat(database.queryForObject(
                        "SELECT failures FROM phoenix_login_throttle WHERE throttle_key = ?",
                        Integer.class,
                        "account:lars"))
                .as("three failures on three nodes, counted together")
                .isEqualTo(3);

        // the third failure set a 4 s back-off, which every node enforces, even on the right password
        for (AuthServerNode node : nodes) {
            Response right = new OAuthTestClient(node.baseUrl()).login("lars", "lars-password-12");
            assertThat(OAuthTestClient.loginSucceeded(right))
                    .as("%s: the account's back-off holds on every node", node.name())
                    .isFalse();
        }
    }

    @Test
    @Order(8)
    void housekeepingWhenRowsExpiredThenRemovedOnceByOneNodeAtATime() {
        String prefix = "hk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int[] logLengths = nodes.stream().mapToInt((n) -> n.log().length()).toArray();
        Instant past = Instant.now().minus(Duration.ofMinutes(5));
        int rows = 40;
        for (int i = 0; i < rows; i++) {
            database.update(
                    "INSERT INTO oauth2_authorization (id, registered_client_id, principal_name,"
                            + " authorization_grant_type, access_token_value, access_token_expires_at, created_at)"
                            + " VALUES (?, 'x', 'x', 'client_credentials', ?, ?, ?)",
                    prefix + i,
                    "sha256:" + prefix + i,
                    past.atOffset(ZoneOffset.UTC),
                    past.atOffset(ZoneOffset.UTC));
            database.update(
                    "INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,"
                            + " max_inactive_interval, expiry_time) VALUES (?, ?, ?, ?, 60, ?)",
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    past.toEpochMilli(),
                    past.toEpochMilli(),
                    past.toEpochMilli());
        }

        awaitTrue(
                "expired rows deleted within two intervals",
                HOUSEKEEPING_INTERVAL.multipliedBy(2).plusSeconds(10),
                () -> database.queryForObject(
                                "SELECT COUNT(*) FROM oauth2_authorization WHERE id LIKE ?",
                                Integer.class,
                                prefix + "%")
                        == 0);
        sleep(HOUSEKEEPING_INTERVAL.multipliedBy(2));

        List<String> runs = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i)
                    .log()
                    .substring(logLengths[i])
                    .lines()
                    .filter((line) -> line.contains("Housekeeping on node"))
                    .forEach(runs::add);
        }
        assertThat(runs).isNotEmpty();
        assertThat(sum(runs, "authorizations"))
                .as("removed once, not once per node: %s", runs)
                .isEqualTo(rows);
        assertThat(sum(runs, "sessions")).as("%s", runs).isEqualTo(rows);
    }

    @Test
    @Order(9)
    void killWhenUnderLoadThenOtherNodesServeNoAcknowledgedTokenIsLostAndTheNodeRejoins() throws Exception {
        ClientCredentialsLoad load = new ClientCredentialsLoad(proxy.baseUrl(), SERVICE, SERVICE_SECRET)
                .start(6)
                .awaitAcknowledged(100, Duration.ofSeconds(60));
        AuthServerNode victim = nodes.get(1);

        victim.kill();
        int atKill = load.acknowledgedCount();
        load.awaitAcknowledged(atKill + 150, Duration.ofSeconds(60));
        List<String> acknowledged = load.stop();

        assertThat(acknowledged.size()).as("the other nodes kept serving").isGreaterThanOrEqualTo(atKill + 150);
        assertThat(ClientCredentialsLoad.notActive(proxy.baseUrl(), SERVICE, SERVICE_SECRET, acknowledged).stream()
                        .map(TokenHashes::fingerprint)
                        .toList())
                .as("of %d acknowledged tokens, lost", acknowledged.size())
                .isEmpty();

        victim.restart();

        assertThat(ClientCredentialsLoad.notActive(
                        victim.baseUrl(), SERVICE, SERVICE_SECRET, acknowledged.subList(0, 50)))
                .as("the restarted node knows the tokens issued by the others")
                .isEmpty();
        assertThat(new OAuthTestClient(victim.baseUrl())
                        .clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                        .status())
                .isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------

    private static String nodeConfig(String issuer) {
        return """
                phoenix:
                  password:
                    bcrypt-cost: 10
                  keys:
                    reload-interval: 1s
                  housekeeping:
                    interval: %s
                    grace: 0s
                  webauthn:
                    conditional-ui: false
                  bootstrap:
                    users:
                      - username: %s
                        password: "%s"
                        email: alice@example.com
                        roles: [user]
                      - username: lars
                        password: "lars-password-12"
                        roles: [user]
                    clients:
                      - client-id: %s
                        client-secret: "%s"
                        grant-types: [authorization_code, refresh_token]
                        auth-methods: [client_secret_basic]
                        redirect-uris: ["%s/cb"]
                        scopes: [openid, profile, api.read]
                        require-consent: true
                      - client-id: %s
                        client-secret: "%s"
                        grant-types: [client_credentials]
                        auth-methods: [client_secret_basic]
                        scopes: [api.read]
                      - client-id: %s
                        client-secret: "%s"
                        grant-types: [client_credentials]
                        auth-methods: [client_secret_basic]
                        scopes: [phoenix.admin]
                      - client-id: device-app
                        grant-types: ["urn:ietf:params:oauth:grant-type:device_code", refresh_token]
                        auth-methods: [none]
                        scopes: [openid, profile, api.read]
                        require-consent: true
                spring:
                  datasource:
                    hikari:
                      maximum-pool-size: 8
                """.formatted(
                        HOUSEKEEPING_INTERVAL.toSeconds() + "s",
                        ALICE,
                        ALICE_PASSWORD,
                        WEB,
                        WEB_SECRET,
                        issuer,
                        SERVICE,
                        SERVICE_SECRET,
                        ADMIN,
                        ADMIN_SECRET);
    }

    /** Tokens from a code flow run through the load balancer (sign-in and consent on several nodes). */
    private static Map<String, Object> codeFlowTokens() {
        OAuthTestClient browser = new OAuthTestClient(proxy.baseUrl());
        Pkce pkce = OAuthTestClient.pkce();
        String redirect = proxy.baseUrl() + "/cb";
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, redirect, "openid api.read").pkce(pkce), ALICE, ALICE_PASSWORD);
        assertThat(result.code())
                .as("authorization ended with %s", result.lastResponse())
                .isNotNull();
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), redirect, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json();
    }

    private static Set<String> kids(String baseUrl) {
        return new OAuthTestClient(baseUrl)
                .jwks().getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    private static String serviceToken(OAuthTestClient client) {
        return (String) client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                .json()
                .get("access_token");
    }

    private static int sum(List<String> runs, String what) {
        Pattern count = Pattern.compile("\\b" + what + "=(\\d+)");
        int total = 0;
        for (String line : runs) {
            Matcher matcher = count.matcher(line);
            if (matcher.find()) {
                total += Integer.parseInt(matcher.group(1));
            }
        }
        return total;
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
