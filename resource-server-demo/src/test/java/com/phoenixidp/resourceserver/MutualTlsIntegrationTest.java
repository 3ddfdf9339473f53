package com.phoenixidp.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both services (catalog, orders) on real mTLS sockets, against a fake IdP (JWK set, mTLS token endpoint)
 * and a fake OCSP responder, with certificates from a test CA.
 */
class MutualTlsIntegrationTest {

    private static final Duration REVOCATION_CACHE = Duration.ofSeconds(1);

    @TempDir
    static Path dir;

    static FakeOcspResponder ocsp;

    static TestPki pki;

    static FakeIdp idp;

    static ConfigurableApplicationContext catalog;

    static ConfigurableApplicationContext orders;

    static TestPki.Identity alice;

    static TestPki.Identity bob;

    static HttpClient aliceClient;

    static HttpClient bobClient;

    static String catalogUrl;

    static String ordersUrl;

    @BeforeAll
    static void startFleet() throws Exception {
        ocsp = new FakeOcspResponder();
        pki = new TestPki(ocsp.url());
        ocsp.answerFor(pki.intermediate.certificate(), pki.intermediate.key());
        pki.writeRoot(dir);
        idp = new FakeIdp(TestTls.context(pki.server("idp"), pki.root.certificate()));
        pki.server("catalog").writeTo(dir);
        pki.server("orders").writeTo(dir);
        TestPki.Identity ordersClient = pki.client("orders-service").writeTo(dir);
        idp.registerClient("orders-service", ordersClient.certificate());
        alice = pki.client("alice-cli");
        bob = pki.client("bob-cli");
        aliceClient = TestTls.client(alice, pki.root.certificate());
        bobClient = TestTls.client(bob, pki.root.certificate());

        catalog = start("catalog");
        catalogUrl = "https://localhost:" + catalog.getEnvironment().getProperty("local.server.port");
        orders = start(
                "orders",
                "--phoenix.client.token-endpoint=" + idp.tokenEndpoint(),
                "--phoenix.client.client-id=orders-service",
                "--phoenix.client.scope=api.read",
                "--phoenix.client.catalog-url=" + catalogUrl,
                "--spring.ssl.bundle.pem.client.keystore.certificate=file:" + dir.resolve("orders-service.pem"),
                "--spring.ssl.bundle.pem.client.keystore.private-key=file:" + dir.resolve("orders-service.key"),
                "--spring.ssl.bundle.pem.client.truststore.certificate=file:" + dir.resolve("root.pem"));
        ordersUrl = "https://localhost:" + orders.getEnvironment().getProperty("local.server.port");
    }

    private static ConfigurableApplicationContext start(String service, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--phoenix.service=" + service,
                "--server.port=0",
                "--spring.ssl.bundle.pem.server.keystore.certificate=file:" + dir.resolve(service + ".pem"),
                "--spring.ssl.bundle.pem.server.keystore.private-key=file:" + dir.resolve(service + ".key"),
                "--spring.ssl.bundle.pem.server.truststore.certificate=file:" + dir.resolve("root.pem"),
                "--phoenix.resource.issuer=" + idp.issuer(),
                "--phoenix.resource.audiences=test-client,orders-service",
                "--phoenix.resource.revocation-cache=" + REVOCATION_CACHE.toMillis() + "ms",
                "--phoenix.resource.jwk-set-refresh-min-interval=1s"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(ResourceServerDemoApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopFleet() {
        for (AutoCloseable closeable : new AutoCloseable[] {orders, catalog, idp, ocsp}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ex) {
                // best effort
            }
        }
    }

    // --- transport: who may connect at all ---

    @Test
    void requestWhenNoClientCertificateThenTlsHandshakeRefused() throws Exception {
        HttpClient anonymous = TestTls.client(null, pki.root.certificate());
        assertThatThrownBy(() -> get(anonymous, catalogUrl + "/api/items", bound(alice)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void requestWhenCertificateFromAnotherCaThenTlsHandshakeRefused() throws Exception {
        TestPki.Identity stranger = pki.clientOfOtherCa("stranger");
        HttpClient client = TestTls.client(stranger, pki.root.certificate());
        assertThatThrownBy(() -> get(
                        client,
                        catalogUrl + "/api/items",
                        idp.token().boundTo(stranger.certificate()).sign()))
                .isInstanceOf(IOException.class);
    }

    // --- revocation (hard fail) ---

    @Test
    void requestWhenCertificateRevokedThenRefusedWithinCacheWindow() throws Exception {
        TestPki.Identity carol = pki.client("carol-cli");
        HttpClient client = TestTls.client(carol, pki.root.certificate());
        String token = idp.token().boundTo(carol.certificate()).sign();
        assertThat(get(client, catalogUrl + "/api/items", token).statusCode()).isEqualTo(200);

        ocsp.revoke(carol.serial());
        Thread.sleep(REVOCATION_CACHE.plusMillis(300).toMillis());

        HttpResponse<String> refused = get(client, catalogUrl + "/api/items", token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"error\":\"certificate_revoked\"");
    }

    @Test
    void requestWhenOcspResponderDownThenRefused() throws Exception {
        TestPki.Identity dave = pki.client("dave-cli");
        HttpClient client = TestTls.client(dave, pki.root.certificate());
        ocsp.setDown(true);
        try {
            HttpResponse<String> refused = get(
                    client,
                    catalogUrl + "/api/items",
                    idp.token().boundTo(dave.certificate()).sign());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("\"error\":\"certificate_status_unavailable\"");
        } finally {
            ocsp.setDown(false);
        }
    }

    @Test
    void requestWhenCertificateGoodThenOcspAnswerReusedWithinCacheWindow() throws Exception {
        TestPki.Identity erin = pki.client("erin-cli");
        HttpClient client = TestTls.client(erin, pki.root.certificate());
        String token = idp.token().boundTo(erin.certificate()).sign();
        int before = ocsp.requestCount();
        for (int i = 0; i < 5; i++) {
            assertThat(get(client, catalogUrl + "/api/items", token).statusCode())
                    .isEqualTo(200);
        }
        // one OCSP call for the first request; at most one more if the 1 s window ran out meanwhile
        assertThat(ocsp.requestCount() - before).isBetween(1, 2);
    }

    // --- tokens ---

    @Test
    void getItemsWhenBoundTokenWithReadScopeThenOk() throws Exception {
        HttpResponse<String> response = get(aliceClient, catalogUrl + "/api/items", bound(alice));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("passkey starter kit");
    }

    @Test
    void getItemsWhenEs256TokenWithSpaceSeparatedScopeThenOk() throws Exception {
        String token = idp.token()
                .ec()
                .scope("api.read api.write")
                .boundTo(alice.certificate())
                .sign();
        assertThat(get(aliceClient, catalogUrl + "/api/items", token).statusCode())
                .isEqualTo(200);
        assertThat(post(aliceClient, catalogUrl + "/api/items", token, "{\"name\":\"ticket\"}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void whoamiWhenCalledThenShowsCertificateThumbprintAndTokenSubject() throws Exception {
        HttpResponse<String> response = get(aliceClient, catalogUrl + "/api/whoami", bound(alice));
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> json = JSONObjectUtils.parse(response.body());
        assertThat(JSONObjectUtils.getJSONObject(json, "client_certificate"))
                .containsEntry(
                        "x5t#S256",
                        com.phoenixidp.resourceserver.tls.ClientCertificateResolver.computeThumbprint(
                                alice.certificate()));
        assertThat(JSONObjectUtils.getJSONObject(json, "token"))
                .containsEntry("sub", "alice")
                .containsEntry("client_id", "test-client");
    }

    @Test
    void requestWhenBoundTokenPresentedWithOtherCertificateThenInvalidToken() throws Exception {
        HttpResponse<String> response = get(bobClient, catalogUrl + "/api/items", bound(alice));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(response)).contains("error=\"invalid_token\"");
    }

    @Test
    void requestWhenVerifiedTokenReplayedWithOtherCertificateThenInvalidToken() throws Exception {
        String token = bound(alice);
        assertThat(get(aliceClient, catalogUrl + "/api/items", token).statusCode())
                .isEqualTo(200);
        // the token is now in the verified-token cache; the binding is still checked per connection
        HttpResponse<String> replayed = get(bobClient, catalogUrl + "/api/items", token);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(replayed)).contains("error=\"invalid_token\"");
    }

    @Test
    void requestWhenTokenNotBoundThenInvalidToken() throws Exception {
        HttpResponse<String> response =
                get(aliceClient, catalogUrl + "/api/items", idp.token().sign());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(response)).contains("error=\"invalid_token\"");
    }

    @Test
    void requestWhenTokenExpiredThenInvalidTokenWithHeader() throws Exception {
        String expired = idp.token()
                .boundTo(alice.certificate())
                .expiresIn(Duration.ofMinutes(-2))
                .sign();
        HttpResponse<String> response = get(aliceClient, catalogUrl + "/api/items", expired);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(response)).startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    @Test
    void requestWhenTokenExpiredWithinClockSkewThenOk() throws Exception {
        String justExpired = idp.token()
                .boundTo(alice.certificate())
                .expiresIn(Duration.ofSeconds(-10))
                .sign();
        assertThat(get(aliceClient, catalogUrl + "/api/items", justExpired).statusCode())
                .isEqualTo(200);
    }

    @Test
    void requestWhenWrongIssuerOrAudienceThenInvalidToken() throws Exception {
        String wrongIssuer = idp.token()
                .boundTo(alice.certificate())
                .claim("iss", "https://evil.example")
                .sign();
        String wrongAudience = idp.token()
                .boundTo(alice.certificate())
                .claim("aud", List.of("someone-else"))
                .sign();
        for (String token : List.of(wrongIssuer, wrongAudience)) {
            HttpResponse<String> response = get(aliceClient, catalogUrl + "/api/items", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(wwwAuthenticate(response)).contains("error=\"invalid_token\"");
        }
    }

    @Test
    void requestWhenTokenSignedHs256OrUnsignedThenInvalidToken() throws Exception {
        var claims = idp.token().boundTo(alice.certificate()).claims();
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
        hmac.sign(new MACSigner(new byte[32]));
        String none = new PlainJWT(claims).serialize();
        for (String token : List.of(hmac.serialize(), none)) {
            HttpResponse<String> response = get(aliceClient, catalogUrl + "/api/items", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(wwwAuthenticate(response)).contains("error=\"invalid_token\"");
        }
    }

    @Test
    void requestWhenSigningKeyRotatedThenUnknownKidRefreshesJwkSet() throws Exception {
        assertThat(get(aliceClient, catalogUrl + "/api/items", bound(alice)).statusCode())
                .isEqualTo(200);
        int fetches = idp.jwksRequests();
        Thread.sleep(1100); // past the refresh rate limit configured for the test
        idp.rotateRsaKey();
        assertThat(get(aliceClient, catalogUrl + "/api/items", bound(alice)).statusCode())
                .isEqualTo(200);
        assertThat(idp.jwksRequests()).isGreaterThan(fetches);
    }

    // --- RBAC ---

    @Test
    void postItemsWhenOnlyReadScopeThenInsufficientScope() throws Exception {
        HttpResponse<String> response = post(aliceClient, catalogUrl + "/api/items", bound(alice), "{\"name\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(wwwAuthenticate(response)).contains("error=\"insufficient_scope\"");
    }

    @Test
    void adminStatsWhenNoAdminRoleThenForbidden() throws Exception {
        String token = idp.token()
                .boundTo(alice.certificate())
                .claim("roles", List.of("user"))
                .sign();
        HttpResponse<String> response = get(aliceClient, catalogUrl + "/api/admin/stats", token);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(wwwAuthenticate(response)).contains("error=\"insufficient_scope\"");
    }

    @Test
    void adminStatsWhenAdminRoleThenOk() throws Exception {
        String token = idp.token()
                .boundTo(alice.certificate())
                .claim("roles", List.of("user", "admin"))
                .sign();
        assertThat(get(aliceClient, catalogUrl + "/api/admin/stats", token).statusCode())
                .isEqualTo(200);
    }

    @Test
    void requestWhenTokenMalformedThenInvalidToken() throws Exception {
        HttpResponse<String> response = get(aliceClient, catalogUrl + "/api/items", "not a token!");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(response)).contains("error=\"invalid_token\"");
    }

    @Test
    void requestWhenNoTokenThenUnauthorizedWithBearerChallenge() throws Exception {
        HttpResponse<String> response = aliceClient.send(
                HttpRequest.newBuilder(URI.create(catalogUrl + "/api/items")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(response)).startsWith("Bearer").doesNotContain("error=");
    }

    // --- service to service ---

    @Test
    void chainWhenOrdersCallsCatalogThenShowsWholeChain() throws Exception {
        HttpResponse<String> response = get(aliceClient, ordersUrl + "/api/chain", bound(alice));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> chain = JSONObjectUtils.parse(response.body());
        Map<String, Object> caller = JSONObjectUtils.getJSONObject(chain, "caller");
        assertThat(JSONObjectUtils.getJSONObject(caller, "client_certificate")
                        .get("subject")
                        .toString())
                .contains("CN=alice-cli");
        assertThat(JSONObjectUtils.getJSONObject(caller, "token")).containsEntry("sub", "alice");
        Map<String, Object> saw = JSONObjectUtils.getJSONObject(chain, "catalog_saw");
        assertThat(saw).containsEntry("service", "catalog");
        assertThat(JSONObjectUtils.getJSONObject(saw, "client_certificate")
                        .get("subject")
                        .toString())
                .contains("CN=orders-service");
        assertThat(JSONObjectUtils.getJSONObject(saw, "token"))
                .containsEntry("sub", "orders-service")
                .containsEntry("client_id", "orders-service")
                .containsEntry("certificate_bound", true);
    }

    @Test
    void ordersWhenReadScopeThenOkAndWriteNeedsWriteScope() throws Exception {
        assertThat(get(aliceClient, ordersUrl + "/api/orders", bound(alice)).statusCode())
                .isEqualTo(200);
        String writer = idp.token()
                .boundTo(alice.certificate())
                .scope(List.of("api.read", "api.write"))
                .sign();
        assertThat(post(aliceClient, ordersUrl + "/api/orders", writer, "{\"itemId\":1,\"quantity\":2}")
                        .statusCode())
                .isEqualTo(201);
    }

    // --- operations ---

    @Test
    void apiRequestWhenMetricsNotExposedThenNoHttpServerMetricRecorded() throws Exception {
        assertThat(get(aliceClient, catalogUrl + "/api/items", bound(alice)).statusCode())
                .isEqualTo(200);
        MeterRegistry meters = catalog.getBean(MeterRegistry.class);
        assertThat(meters.find("http.server.requests").meters()).isEmpty();
        assertThat(catalog.getEnvironment()
                        .getProperty("management.observations.enable.http.server.requests", Boolean.class))
                .isFalse();
    }

    // --- helpers ---

    private static String bound(TestPki.Identity identity) {
        return idp.token().boundTo(identity.certificate()).sign();
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, String url, String token, String json)
            throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String wwwAuthenticate(HttpResponse<?> response) {
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }
}
