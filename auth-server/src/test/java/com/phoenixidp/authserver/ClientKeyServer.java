package com.phoenixidp.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

/**
 * The JWK set of a {@code private_key_jwt} client (RFC 7523), served over real HTTP on
 * 127.0.0.1 from a key generated once per test JVM. Started at class load, so its URL is known
 * before the application starts.
 */
public final class ClientKeyServer {

    /** The client registered in application-test.yml with {@code auth-methods: [private_key_jwt]}. */
    public static final String CLIENT_ID = "key-client";

    private static final RSAKey KEY = generate();

    private static final HttpServer SERVER = start();

    private ClientKeyServer() {}

    /** The URL the test profile registers as the client's {@code jwk-set-uri}. */
    public static String jwkSetUri() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/jwks.json";
    }

    /** A client assertion (RFC 7523 section 3) signed with the registered key. */
    public static String assertion(String audience) {
        return sign(KEY, CLIENT_ID, audience);
    }

    /** A client assertion with the given jti, iat and exp (any may be null: left out). */
    public static String assertion(String audience, String jti, Date issuedAt, Date expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(CLIENT_ID)
                .subject(CLIENT_ID)
                .audience(audience)
                .jwtID(jti)
                .issueTime(issuedAt)
                .expirationTime(expiresAt)
                .build();
        return sign(KEY, claims);
    }

    /** The same claims signed with a key the server has never seen. */
    public static String assertionSignedWithUnknownKey(String audience) {
        RSAKey other;
        try {
            other = new RSAKeyGenerator(2048).keyID(KEY.getKeyID()).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return sign(other, CLIENT_ID, audience);
    }

    private static String sign(RSAKey key, String clientId, String audience) {
        Date now = new Date();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(now)
                .expirationTime(new Date(now.getTime() + 60_000))
                .build();
        return sign(key, claims);
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("client-key-1").generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", (exchange) -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
