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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A scriptable upstream OpenID Connect provider for the brokering tests that a correct provider
 * cannot act out: an ID token for another audience, with another nonce or issuer, expired, or
 * signed with a key that is not in its JWK set. Real HTTP on 127.0.0.1 (discovery, authorization
 * with PKCE S256, token endpoint with client_secret_basic, JWK set); the user it "signs in" and
 * any tampering are set by the test before the flow. The happy path against a real provider (a
 * second Phoenix IdP) is {@code FederationBrowserIT}.
 */
public final class FakeUpstream {

    public static final String CLIENT_ID = "phoenix-downstream";

    public static final String EMAIL_CLIENT_ID = "phoenix-downstream-email";

    public static final String CLIENT_SECRET = "fake-upstream-secret-0123456789-abcdef";

    private static final RSAKey KEY = generate("fake-upstream-1");

    /** Same kid, other key: a signature that does not verify with the published JWK set. */
    private static final RSAKey ROGUE_KEY = generate("fake-upstream-1");

    private static final HttpServer SERVER = start();

    private static final Map<String, Authorization> CODES = new ConcurrentHashMap<>();

    private static final List<Map<String, String>> AUTHORIZATION_REQUESTS = new CopyOnWriteArrayList<>();

    private static final List<Map<String, String>> TOKEN_REQUESTS = new CopyOnWriteArrayList<>();

    private static volatile Map<String, Object> identity = Map.of("sub", "fake-nobody");

    private static volatile Consumer<JWTClaimsSet.Builder> tamper = (claims) -> {};

    private static volatile boolean rogueSignature;

    private record Authorization(Map<String, String> request, Map<String, Object> identity) {}

    private FakeUpstream() {}

    public static String issuer() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort();
    }

    /** The user the next authorization signs in: the ID token's claims besides iss, aud, nonce, exp, iat. */
    public static void signInAs(Map<String, Object> claims) {
        identity = Map.copyOf(claims);
        tamper = (c) -> {};
        rogueSignature = false;
    }

    /** Changes the next ID tokens' claims after they were built (e.g. another aud). */
    public static void tamper(Consumer<JWTClaimsSet.Builder> change) {
        tamper = change;
    }

    /** Signs the next ID tokens with a key that is not in the JWK set. */
    public static void signWithUnknownKey() {
        rogueSignature = true;
    }

    /** The query parameters of the authorization requests received, oldest first. */
    public static List<Map<String, String>> authorizationRequests() {
        return List.copyOf(AUTHORIZATION_REQUESTS);
    }

    /** The form parameters (and "authorization" header) of the token requests received. */
    public static List<Map<String, String>> tokenRequests() {
        return List.copyOf(TOKEN_REQUESTS);
    }

    private static void discovery(HttpExchange exchange) throws IOException {
        String issuer = issuer();
        json(
                exchange,
                200,
                OAuthTestClient.toJson(Map.of(
                        "issuer",
                        issuer,
                        "authorization_endpoint",
                        issuer + "/authorize",
                        "token_endpoint",
                        issuer + "/token",
                        "jwks_uri",
                        issuer + "/jwks",
                        "response_types_supported",
                        List.of("code"),
                        "subject_types_supported",
                        List.of("public"),
                        "id_token_signing_alg_values_supported",
                        List.of("RS256"),
                        "code_challenge_methods_supported",
                        List.of("S256"))));
    }

    private static void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> request = OAuthTestClient.queryParams(
                "http://x/?" + exchange.getRequestURI().getRawQuery());
        AUTHORIZATION_REQUESTS.add(request);
        String code = OAuthTestClient.randomToken();
        CODES.put(code, new Authorization(request, identity));
        String location = request.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(request.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new java.util.LinkedHashMap<>(OAuthTestClient.queryParams("http://x/?" + body));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        form.put("authorization", (authorization != null) ? authorization : "");
        TOKEN_REQUESTS.add(form);
        Authorization granted = CODES.remove(form.getOrDefault("code", ""));
        if (granted == null) {
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String clientId = granted.request().get("client_id");
        if (!OAuthTestClient.basicAuth(clientId, CLIENT_SECRET).equals(authorization)) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        // RFC 7636 4.6: BASE64URL(SHA256(code_verifier)) == code_challenge
        String verifier = form.get("code_verifier");
        if (verifier == null || !s256(verifier).equals(granted.request().get("code_challenge"))) {
            json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE\"}");
            return;
        }
        Date now = new Date();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(clientId)
                .issueTime(now)
                .expirationTime(new Date(now.getTime() + 300_000))
                .claim("nonce", granted.request().get("nonce"));
        granted.identity().forEach(claims::claim);
        tamper.accept(claims);
        String idToken = sign(claims.build(), rogueSignature ? ROGUE_KEY : KEY);
        json(
                exchange,
                200,
                OAuthTestClient.toJson(Map.of(
                        "access_token",
                        OAuthTestClient.randomToken(),
                        "token_type",
                        "Bearer",
                        "expires_in",
                        300,
                        "scope",
                        granted.request().getOrDefault("scope", "openid"),
                        "id_token",
                        idToken)));
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/openid-configuration", FakeUpstream::discovery);
            server.createContext("/authorize", FakeUpstream::authorize);
            server.createContext("/token", FakeUpstream::token);
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", (exchange) -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.setExecutor(null);
            server.start();
            return server;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
