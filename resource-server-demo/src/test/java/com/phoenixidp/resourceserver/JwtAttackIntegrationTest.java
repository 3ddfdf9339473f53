package com.phoenixidp.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Attacks on JWT access tokens against the catalog service over real mutual TLS, with a fake IdP
 * (JWK set, revocation list) and a fake OCSP responder. The service is configured to accept unbound
 * tokens ({@code require-bound-tokens=false}), so each attack token differs from an accepted one
 * ({@link #validAccessTokenThenOk}) only by what the attack changes.
 */
class JwtAttackIntegrationTest {

    @TempDir
    static Path dir;

    static FakeOcspResponder ocsp;

    static TestPki pki;

    static FakeIdp idp;

    static ConfigurableApplicationContext catalog;

    static HttpClient client;

    static String catalogUrl;

    /** The attacker's key pair, and a plain HTTP server offering it as a JWK set (and anything else) at jku/x5u. */
    static RSAKey attackerKey;

    static HttpServer attackerServer;

    static final AtomicInteger attackerRequests = new AtomicInteger();

    static String attackerUrl;

    /** The client's DPoP key, and another one. */
    static ECKey dpopKey;

    static ECKey otherKey;

    @BeforeAll
    static void start() throws Exception {
        ocsp = new FakeOcspResponder();
        pki = new TestPki(ocsp.url());
        ocsp.answerFor(pki.intermediate.certificate(), pki.intermediate.key());
        pki.writeRoot(dir);
        idp = new FakeIdp(TestTls.context(pki.server("idp"), pki.root.certificate()));
        pki.server("catalog").writeTo(dir);
        client = TestTls.client(pki.client("mallory-cli"), pki.root.certificate());
        attackerKey = new RSAKeyGenerator(2048).keyID("attacker-1").generate();
        attackerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attackerServer.createContext("/", (exchange) -> {
            attackerRequests.incrementAndGet();
            byte[] body = new JWKSet(attackerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attackerServer.start();
        attackerUrl = "http://127.0.0.1:" + attackerServer.getAddress().getPort();
        dpopKey = new ECKeyGenerator(Curve.P_256).keyID("client-dpop").generate();
        otherKey = new ECKeyGenerator(Curve.P_256).keyID("other").generate();
        List<String> args = new ArrayList<>(List.of(
                "--phoenix.service=catalog",
                "--server.port=0",
                "--spring.ssl.bundle.pem.server.keystore.certificate=file:" + dir.resolve("catalog.pem"),
                "--spring.ssl.bundle.pem.server.keystore.private-key=file:" + dir.resolve("catalog.key"),
                "--spring.ssl.bundle.pem.server.truststore.certificate=file:" + dir.resolve("root.pem"),
                "--phoenix.resource.issuer=" + idp.issuer(),
                "--phoenix.resource.audiences=test-client",
                "--phoenix.resource.require-bound-tokens=false",
                "--phoenix.resource.jwk-set-refresh-min-interval=1s"));
        catalog = new SpringApplicationBuilder(ResourceServerDemoApplication.class).run(args.toArray(String[]::new));
        catalogUrl = "https://localhost:" + catalog.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {catalog, idp, ocsp}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ex) {
                // best effort
            }
        }
        if (attackerServer != null) {
            attackerServer.stop(0);
        }
    }

    // --- the baseline: what is accepted ---

    @Test
    void validAccessTokenThenOk() throws Exception {
        assertThat(get(bearer(idp.token().sign())).statusCode()).isEqualTo(200);
    }

    @Test
    void accessTokenTypedAsMediaTypeInAnyCaseThenOk() throws Exception {
        assertThat(get(bearer(idp.token().type("application/AT+JWT").sign())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void noTokenThenBearerAndDpopChallengesWithoutError() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(catalogUrl + "/api/items")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer", "DPoP algs=\"ES256 RS256 EdDSA\"");
    }

    // --- forged signatures and keys ---

    @Test
    void algNoneThenInvalidToken() throws Exception {
        String unsigned = new PlainJWT(idp.token().claims()).serialize();

        assertInvalidToken(get(bearer(unsigned)));
    }

    @Test
    void hs256SignedWithTheIdpsRsaPublicKeyAsSecretThenInvalidToken() throws Exception {
        byte[] publicKeyBytes = idp.rsaKey().toRSAPublicKey().getEncoded();
        SignedJWT confused = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(idp.rsaKey().getKeyID())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                idp.token().claims());
        confused.sign(new MACSigner(publicKeyBytes));

        assertInvalidToken(get(bearer(confused.serialize())));
    }

    @Test
    void unknownKidThenInvalidToken() throws Exception {
        String signedByIdpKeyUnknownKid = idp.token().keyId("no-such-kid").sign();
        String signedByAttackerUnknownKid = idp.token().signWith(attackerKey);

        assertInvalidToken(get(bearer(signedByIdpKeyUnknownKid)));
        assertInvalidToken(get(bearer(signedByAttackerUnknownKid)));
    }

    @Test
    void jkuHeaderPointingAtTheAttackersKeyIsIgnoredThenInvalidToken() throws Exception {
        assertAttackerHeaderIgnored((header) -> header.jwkURL(URI.create(attackerUrl + "/jwks.json")));
    }

    @Test
    void x5uHeaderPointingAtTheAttackersCertificateIsIgnoredThenInvalidToken() throws Exception {
        assertAttackerHeaderIgnored((header) -> header.x509CertURL(URI.create(attackerUrl + "/cert.pem")));
    }

    @Test
    void jwkHeaderCarryingTheAttackersKeyIsIgnoredThenInvalidToken() throws Exception {
        assertAttackerHeaderIgnored((header) -> header.jwk(attackerKey.toPublicJWK()));
    }

    // --- claims ---

    @Test
    void expiredThenInvalidToken() throws Exception {
        assertInvalidToken(
                get(bearer(idp.token().expiresIn(Duration.ofMinutes(-2)).sign())));
    }

    @Test
    void notYetValidThenInvalidToken() throws Exception {
        assertInvalidToken(
                get(bearer(idp.token().notBefore(Duration.ofMinutes(2)).sign())));
    }

    @Test
    void wrongIssuerThenInvalidToken() throws Exception {
        assertInvalidToken(
                get(bearer(idp.token().claim("iss", "https://evil.example").sign())));
    }

    @Test
    void wrongAudienceThenInvalidToken() throws Exception {
        assertInvalidToken(
                get(bearer(idp.token().claim("aud", List.of("someone-else")).sign())));
    }

    @Test
    void idTokenPresentedAsAccessTokenThenInvalidToken() throws Exception {
        // an ID token of the IdP for the client test-client: signed with the IdP's key, aud = client_id
        for (String type : new String[] {"JWT", null}) {
            String idToken = idp.token()
                    .type(type)
                    .claim("scope", null)
                    .claim("client_id", null)
                    .claim("nonce", "n-0S6_WzA2Mj")
                    .claim("auth_time", Instant.now().getEpochSecond())
                    .claim("azp", "test-client")
                    .sign();

            assertInvalidToken(get("/api/whoami", bearer(idToken)));
        }
    }

    // --- revocation ---

    @Test
    void revokedJtiThenInvalidTokenWithinFiveSeconds() throws Exception {
        FakeIdp.Token token = idp.token();
        String jwt = token.sign();
        assertThat(get(bearer(jwt)).statusCode()).isEqualTo(200);

        idp.revoke(token.jti(), token.expiresAt());
        long revokedAt = System.nanoTime();

        HttpResponse<String> response;
        do {
            response = get(bearer(jwt));
            if (response.statusCode() == 401) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() - revokedAt < Duration.ofSeconds(5).toNanos());
        long refusedAfterMillis = (System.nanoTime() - revokedAt) / 1_000_000;

        assertThat(response.statusCode())
                .as("revoked token still accepted %d ms after the revocation", refusedAfterMillis)
                .isEqualTo(401);
        assertThat(wwwAuthenticate(response))
                .contains("error=\"invalid_token\"")
                .contains("revoked");
        System.out.printf("revoked jti refused %d ms after the revocation list changed%n", refusedAfterMillis);
    }

    @Test
    void revokedClientThenItsTokensIssuedBeforeNotBeforeInvalidWithinFiveSecondsAndOthersAccepted() throws Exception {
        Instant notBefore = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        String issuedBefore = idp.token()
                .claim("client_id", "retired-service")
                .issuedAt(notBefore.minusSeconds(10))
                .sign();
        String issuedAtNotBefore = idp.token()
                .claim("client_id", "retired-service")
                .issuedAt(notBefore)
                .sign();
        String otherClient = idp.token()
                .claim("client_id", "other-service")
                .issuedAt(notBefore.minusSeconds(10))
                .sign();
        assertThat(get(bearer(issuedBefore)).statusCode()).isEqualTo(200);

        idp.revokeClient("retired-service", notBefore, notBefore.plus(Duration.ofMinutes(10)));
        long revokedAt = System.nanoTime();

        HttpResponse<String> response;
        do {
            // the token is in the verified-token cache by now: the revocation list is checked all the same
            response = get(bearer(issuedBefore));
            if (response.statusCode() == 401) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() - revokedAt < Duration.ofSeconds(5).toNanos());

        assertThat(response.statusCode())
                .as("token of the revoked client still accepted after 5 s")
                .isEqualTo(401);
        assertThat(wwwAuthenticate(response))
                .contains("error=\"invalid_token\"")
                .contains("revoked");
        assertThat(get(bearer(issuedAtNotBefore)).statusCode())
                .as("issued at not_before")
                .isEqualTo(200);
        assertThat(get(bearer(otherClient)).statusCode()).as("another client").isEqualTo(200);
    }

    @Test
    void revocationListWhenUnchangedThenPolledWithIfNoneMatch() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (idp.revocationListNotModified() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(idp.revocationListNotModified()).isPositive();
    }

    // --- DPoP (RFC 9449) ---

    @Test
    void dpopBoundTokenWithValidProofThenOk() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();

        HttpResponse<String> response =
                get(dpop(token, proof(dpopKey, "GET", catalogUrl + "/api/items", token, (c) -> {})));

        assertThat(response.statusCode()).as(wwwAuthenticate(response)).isEqualTo(200);
    }

    @Test
    void dpopBoundTokenPresentedAsBearerThenInvalidToken() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();

        HttpResponse<String> response = get(bearer(token));

        assertInvalidToken(response);
        assertThat(wwwAuthenticate(response)).startsWith("Bearer");
    }

    @Test
    void dpopProofSignedWithAnotherKeyThenInvalidTokenInDpopChallenge() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();

        HttpResponse<String> response =
                get(dpop(token, proof(otherKey, "GET", catalogUrl + "/api/items", token, (c) -> {})));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(response))
                .startsWith("DPoP error=\"invalid_token\"")
                .contains("algs=\"ES256 RS256 EdDSA\"");
    }

    @Test
    void dpopProofReplayedThenInvalidDpopProof() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();
        String proof = proof(dpopKey, "GET", catalogUrl + "/api/items", token, (c) -> {});
        assertThat(get(dpop(token, proof)).statusCode()).isEqualTo(200);

        assertInvalidDpopProof(get(dpop(token, proof)));
    }

    @Test
    void dpopProofForAnotherMethodThenInvalidDpopProof() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();

        assertInvalidDpopProof(get(dpop(token, proof(dpopKey, "POST", catalogUrl + "/api/items", token, (c) -> {}))));
    }

    @Test
    void dpopProofForAnotherUriThenInvalidDpopProof() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();

        assertInvalidDpopProof(get(dpop(token, proof(dpopKey, "GET", catalogUrl + "/api/orders", token, (c) -> {}))));
    }

    @Test
    void dpopProofForAnotherAccessTokenThenInvalidDpopProof() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();
        String other = idp.token().dpopBoundTo(dpopKey).sign();

        assertInvalidDpopProof(get(dpop(token, proof(dpopKey, "GET", catalogUrl + "/api/items", other, (c) -> {}))));
    }

    @Test
    void dpopProofTooOldThenInvalidDpopProof() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();
        Date old = Date.from(Instant.now().minus(Duration.ofMinutes(5)));

        assertInvalidDpopProof(
                get(dpop(token, proof(dpopKey, "GET", catalogUrl + "/api/items", token, (c) -> c.issueTime(old)))));
    }

    @Test
    void dpopProofWithQueryInHtuMatchesTheUriWithoutQuery() throws Exception {
        String token = idp.token().dpopBoundTo(dpopKey).sign();
        String proof =
                proof(dpopKey, "GET", catalogUrl.replace("localhost", "LOCALHOST") + "/api/./items", token, (c) -> {});

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(catalogUrl + "/api/items?page=1"))
                        .header("Authorization", "DPoP " + token)
                        .header("DPoP", proof)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(wwwAuthenticate(response)).isEqualTo(200);
    }

    // --- helpers ---

    private static void assertAttackerHeaderIgnored(Consumer<JWSHeader.Builder> attackerHeader) throws Exception {
        int before = attackerRequests.get();
        String attackerKid = idp.token().header(attackerHeader).signWith(attackerKey);
        String idpKid = idp.token()
                .keyId(idp.rsaKey().getKeyID())
                .header(attackerHeader)
                .signWith(attackerKey);

        assertInvalidToken(get(bearer(attackerKid)));
        assertInvalidToken(get(bearer(idpKid)));
        assertThat(attackerRequests.get()).as("requests to the attacker's URL").isEqualTo(before);
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(response)).contains("error=\"invalid_token\"");
    }

    private static void assertInvalidDpopProof(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(response)).startsWith("DPoP error=\"invalid_dpop_proof\"");
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String[] dpop(String token, String proof) {
        return new String[] {"Authorization", "DPoP " + token, "DPoP", proof};
    }

    /** A DPoP proof (RFC 9449 section 4.2) signed by {@code key}, carrying its public key. */
    private static String proof(
            ECKey key, String htm, String htu, String accessToken, Consumer<JWTClaimsSet.Builder> tweak)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", htm)
                .claim("htu", htu)
                .issueTime(new Date())
                .claim(
                        "ath",
                        Base64URL.encode(MessageDigest.getInstance("SHA-256")
                                        .digest(accessToken.getBytes(StandardCharsets.US_ASCII)))
                                .toString());
        tweak.accept(claims);
        SignedJWT proof = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(new JOSEObjectType("dpop+jwt"))
                        .jwk(key.toPublicJWK())
                        .build(),
                claims.build());
        proof.sign(new ECDSASigner(key));
        return proof.serialize();
    }

    private static HttpResponse<String> get(String... headers) throws Exception {
        return get("/api/items", headers);
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(catalogUrl + path))
                        .headers(headers)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String wwwAuthenticate(HttpResponse<?> response) {
        return String.join(" | ", response.headers().allValues("WWW-Authenticate"));
    }
}
