package com.phoenixidp.resourceserver;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.resourceserver.tls.ClientCertificateResolver;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Test fixture standing in for the auth-server over HTTPS: the JWK set ({@code /oauth2/jwks}, RS256 and
 * ES256 keys, rotatable), a token endpoint ({@code /oauth2/token}) that authenticates clients by
 * their TLS certificate ({@code tls_client_auth}) and issues certificate-bound tokens, and the
 * revocation list ({@code /oauth2/revoked-tokens}, with ETag / If-None-Match; revoked {@code jti}s and,
 * once a test revokes a client, the {@code clients} array). Tokens are RFC 9068
 * access tokens ({@code typ: at+jwt}) unless a test asks for something else.
 */
final class FakeIdp implements AutoCloseable {

    private final HttpsServer server;

    private final String issuer;

    private volatile RSAKey rsaKey;

    private final ECKey ecKey;

    private final Map<String, String> clients = new ConcurrentHashMap<>();

    private final AtomicInteger jwksRequests = new AtomicInteger();

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    /** client_id → {not_before, exp} (epoch seconds). */
    private final Map<String, long[]> revokedClients = new ConcurrentHashMap<>();

    private final AtomicInteger revocationListRequests = new AtomicInteger();

    private final AtomicInteger revocationListNotModified = new AtomicInteger();

    private volatile boolean revocationListAvailable = true;

    FakeIdp(SSLContext tls) throws Exception {
        this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setWantClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        this.server.createContext("/oauth2/jwks", this::jwks);
        this.server.createContext("/oauth2/token", this::token);
        this.server.createContext("/oauth2/revoked-tokens", this::revokedTokens);
        this.server.start();
        this.issuer = "https://localhost:" + this.server.getAddress().getPort();
        this.rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        this.ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    String issuer() {
        return this.issuer;
    }

    URI tokenEndpoint() {
        return URI.create(this.issuer + "/oauth2/token");
    }

    int jwksRequests() {
        return this.jwksRequests.get();
    }

    /** Puts the jti on the revocation list until {@code exp}, as the auth-server does on revocation. */
    void revoke(String jti, Instant exp) {
        this.revoked.put(jti, exp);
    }

    /**
     * Lists the client as revoked until {@code exp}: its tokens issued before {@code notBefore} are
     * revoked, as the auth-server does when a client is disabled or deleted.
     */
    void revokeClient(String clientId, Instant notBefore, Instant exp) {
        this.revokedClients.put(clientId, new long[] {notBefore.getEpochSecond(), exp.getEpochSecond()});
    }

    /** Answers the revocation list with 503 while {@code false}. */
    void revocationListAvailable(boolean available) {
        this.revocationListAvailable = available;
    }

    int revocationListRequests() {
        return this.revocationListRequests.get();
    }

    int revocationListNotModified() {
        return this.revocationListNotModified.get();
    }

    RSAKey rsaKey() {
        return this.rsaKey;
    }

    /** Registers a {@code tls_client_auth} client: its certificate subject DN must match. */
    void registerClient(String clientId, X509Certificate certificate) {
        this.clients.put(clientId, certificate.getSubjectX500Principal().getName());
    }

    /** Publishes a new RSA key (new kid) and drops the old one, as after a rotation. */
    void rotateRsaKey() throws Exception {
        this.rsaKey =
                new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
    }

    Token token() {
        return new Token();
    }

    /** Builder of access tokens like the auth-server issues them. */
    final class Token {

        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(FakeIdp.this.issuer)
                .subject("alice")
                .audience("test-client")
                .claim("client_id", "test-client")
                .claim("scope", "api.read")
                .issueTime(new Date())
                .jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));

        private boolean ec;

        private String type = "at+jwt";

        private String keyId;

        private java.util.function.Consumer<JWSHeader.Builder> header = (builder) -> {};

        Token claim(String name, Object value) {
            this.claims.claim(name, value);
            return this;
        }

        Token scope(Object scope) {
            return claim("scope", scope);
        }

        Token boundTo(X509Certificate certificate) {
            return claim("cnf", Map.of("x5t#S256", ClientCertificateResolver.computeThumbprint(certificate)));
        }

        Token issuedAt(Instant issuedAt) {
            this.claims.issueTime(Date.from(issuedAt));
            return this;
        }

        Token expiresIn(Duration duration) {
            Instant expires = Instant.now().plus(duration);
            this.claims.expirationTime(Date.from(expires)).issueTime(Date.from(expires.minus(Duration.ofMinutes(5))));
            return this;
        }

        Token ec() {
            this.ec = true;
            return this;
        }

        /** RFC 9449 section 6.1: bound to the key whose RFC 7638 thumbprint is {@code cnf.jkt}. */
        Token dpopBoundTo(JWK key) {
            try {
                return claim(
                        "cnf", Map.of("jkt", key.computeThumbprint("SHA-256").toString()));
            } catch (com.nimbusds.jose.JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        }

        Token notBefore(Duration fromNow) {
            this.claims.notBeforeTime(Date.from(Instant.now().plus(fromNow)));
            return this;
        }

        /** The JOSE {@code typ}; {@code null} for none. Default {@code at+jwt} (RFC 9068). */
        Token type(String type) {
            this.type = type;
            return this;
        }

        Token keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        /** Extra JOSE header parameters ({@code jku}, {@code x5u}, {@code jwk}, ...). */
        Token header(java.util.function.Consumer<JWSHeader.Builder> header) {
            this.header = header;
            return this;
        }

        String jti() {
            return this.claims.build().getJWTID();
        }

        Instant expiresAt() {
            return this.claims.build().getExpirationTime().toInstant();
        }

        String sign() {
            return signWith(this.ec ? FakeIdp.this.ecKey : FakeIdp.this.rsaKey);
        }

        /** Signs with {@code key} (an attacker's, in attack tests), naming it by its kid unless {@link #keyId} says otherwise. */
        String signWith(JWK key) {
            try {
                JWSHeader.Builder builder = new JWSHeader.Builder(
                                (key instanceof ECKey) ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                        .keyID((this.keyId != null) ? this.keyId : key.getKeyID())
                        .type((this.type != null) ? new JOSEObjectType(this.type) : null);
                this.header.accept(builder);
                JWSHeader header = builder.build();
                SignedJWT jwt = new SignedJWT(header, this.claims.build());
                jwt.sign((key instanceof ECKey ecKey) ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key));
                return jwt.serialize();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }

        JWTClaimsSet claims() {
            return this.claims.build();
        }
    }

    private void jwks(HttpExchange exchange) throws IOException {
        this.jwksRequests.incrementAndGet();
        byte[] body = new JWKSet(List.of(this.rsaKey.toPublicJWK(), this.ecKey.toPublicJWK()))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        respond(exchange, 200, body);
    }

    /** The auth-server's {@code GET /oauth2/revoked-tokens}: unexpired entries, weak ETag, 304 on If-None-Match. */
    private void revokedTokens(HttpExchange exchange) throws IOException {
        this.revocationListRequests.incrementAndGet();
        if (!this.revocationListAvailable) {
            respond(exchange, 503, "{\"error\":\"temporarily_unavailable\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Instant now = Instant.now();
        List<Map<String, Object>> entries = new java.util.ArrayList<>();
        new java.util.TreeMap<>(this.revoked).forEach((jti, exp) -> {
            if (exp.isAfter(now)) {
                entries.add(Map.of("jti", jti, "exp", exp.getEpochSecond()));
            }
        });
        // the clients array only once a client is revoked: until then the answer is the older format
        List<Map<String, Object>> clients = new java.util.ArrayList<>();
        new java.util.TreeMap<>(this.revokedClients).forEach((clientId, cutoff) -> {
            if (cutoff[1] > now.getEpochSecond()) {
                clients.add(Map.of("client_id", clientId, "not_before", cutoff[0], "exp", cutoff[1]));
            }
        });
        String etag = "W/\"" + Integer.toHexString(List.of(entries, clients).hashCode()) + "\"";
        try (exchange) {
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                this.revocationListNotModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            Map<String, Object> answer = new HashMap<>();
            answer.put("revoked", entries);
            if (!clients.isEmpty()) {
                answer.put("clients", clients);
            }
            answer.put("generated_at", now.getEpochSecond());
            byte[] body = JSONObjectUtils.toJSONString(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** RFC 6749 section 4.4 with RFC 8705 section 2.1 client authentication; RFC 8705 section 3.1 binding. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form =
                parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        X509Certificate certificate = peerCertificate((HttpsExchange) exchange);
        String clientId = form.get("client_id");
        if (!"client_credentials".equals(form.get("grant_type"))) {
            respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (certificate == null
                || clientId == null
                || !certificate.getSubjectX500Principal().getName().equals(this.clients.get(clientId))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String scope = form.getOrDefault("scope", "api.read");
        String token = token().claim("sub", clientId)
                .claim("client_id", clientId)
                .claim("aud", List.of(clientId))
                .scope(scope)
                .boundTo(certificate)
                .sign();
        Map<String, Object> answer = new HashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        answer.put("scope", scope);
        respond(exchange, 200, JSONObjectUtils.toJSONString(answer).getBytes(StandardCharsets.UTF_8));
    }

    private static X509Certificate peerCertificate(HttpsExchange exchange) {
        try {
            Certificate[] chain = exchange.getSSLSession().getPeerCertificates();
            return (chain.length > 0) ? (X509Certificate) chain[0] : null;
        } catch (SSLPeerUnverifiedException ex) {
            return null;
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
