package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.ADMIN_TOOL;
import static com.phoenixidp.authserver.TestData.ADMIN_TOOL_SECRET;
import static com.phoenixidp.authserver.TestData.SERVICE;
import static com.phoenixidp.authserver.TestData.SERVICE_SECRET;
import static com.phoenixidp.authserver.TestData.WEB;
import static com.phoenixidp.authserver.TestData.WEB_REDIRECT;
import static com.phoenixidp.authserver.TestData.WEB_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * RFC 9068 JWT access tokens ({@code typ: at+jwt}, string {@code scope}) and the revocation list
 * of access tokens ({@code GET /oauth2/revoked-tokens}) fed by every way a token is taken back.
 */
class RevocationListIntegrationTest extends AuthServerIntegrationTest {

    private static final String USER = "revlist-user";

    private static final String PASSWORD = "revlist-password-1";

    private static final String REVLIST_SERVICE = "revlist-service";

    private static final String REVLIST_SERVICE_SECRET = "revlist-secret-0123456789-0123456789";

    @Autowired
    TokenRevocation tokenRevocation;

    @Autowired
    RevokedTokens revokedTokens;

    @Autowired
    RegisteredClientRepository clients;

    // --- the list and what feeds it ---

    @Test
    void revokedTokensWhenAccessTokenRevokedThenListedWithItsExpiry() throws Exception {
        String token = clientCredentials(SERVICE, SERVICE_SECRET, "api.read");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(listedJtis()).doesNotContainKey(claims.getJWTID());

        Response revoked = client().revoke(SERVICE, SERVICE_SECRET, token, "access_token");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(listedJtis())
                .containsEntry(
                        claims.getJWTID(),
                        claims.getExpirationTime().toInstant().getEpochSecond());
    }

    @Test
    void revokedTokensWhenRefreshTokenRevokedThenItsAccessTokenListed() throws Exception {
        OAuthTestClient browser = client();
        Map<String, Object> tokens = codeFlowTokens(browser, "openid api.read");
        String jti = jtiOf((String) tokens.get("access_token"));

        Response revoked = browser.revoke(WEB, WEB_SECRET, (String) tokens.get("refresh_token"), "refresh_token");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(listedJtis()).containsKey(jti);
    }

    @Test
    void revokedTokensWhenRotatedAwayRefreshTokenReusedThenTheFamilysAccessTokenListed() throws Exception {
        OAuthTestClient browser = client();
        Map<String, Object> tokens = codeFlowTokens(browser, "openid api.read");
        String first = (String) tokens.get("refresh_token");
        Response rotated = browser.refreshBasic(WEB, WEB_SECRET, first);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newestJti = jtiOf((String) rotated.json().get("access_token"));
        assertThat(listedJtis()).doesNotContainKey(newestJti);

        Response reuse = browser.refreshBasic(WEB, WEB_SECRET, first);

        assertThat(reuse.status()).isEqualTo(400);
        assertThat(listedJtis()).containsKey(newestJti);
    }

    @Test
    void revokedTokensWhenAdminSignsUserOutEverywhereThenUsersAccessTokensListed() throws Exception {
        String jti = jtiOf((String) codeFlowTokens(client(), "openid api.read").get("access_token"));
        String admin = "Bearer " + clientCredentials(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");

        Response logout = client().post("/admin/users/" + USER + "/logout", null, "", "Authorization", admin);

        assertThat(logout.status()).as(logout.body()).isEqualTo(200);
        assertThat(listedJtis()).containsKey(jti);
    }

    @Test
    void revokeClientWhenCalledThenTheClientListedWithNotBeforeAndItsTokensInactive() throws Exception {
        String first = clientCredentials(REVLIST_SERVICE, REVLIST_SERVICE_SECRET, "api.read");
        String second = clientCredentials(REVLIST_SERVICE, REVLIST_SERVICE_SECRET, "api.read");
        String other = clientCredentials(SERVICE, SERVICE_SECRET, "api.read");
        String registeredId = this.clients.findByClientId(REVLIST_SERVICE).getId();
        long ttl = this.clients
                .findByClientId(REVLIST_SERVICE)
                .getTokenSettings()
                .getAccessTokenTimeToLive()
                .getSeconds();
        Instant before = Instant.now();

        this.tokenRevocation.revokeClient(registeredId);

        // client-credentials tokens have no rows: the client is listed as a whole, by issue time
        Map<String, Object> entry = listedClients().get(REVLIST_SERVICE);
        assertThat(entry).as("a clients entry for " + REVLIST_SERVICE).isNotNull();
        long notBefore = ((Number) entry.get("not_before")).longValue();
        assertThat(notBefore)
                .isGreaterThan(iatOf(first))
                .isGreaterThan(iatOf(second))
                .isBetween(before.getEpochSecond(), Instant.now().getEpochSecond() + 1);
        assertThat(((Number) entry.get("exp")).longValue())
                .as("listed for at least a day, and at least the client's access-token lifetime")
                .isGreaterThanOrEqualTo(notBefore - 1 + Math.max(ttl, 86_400));
        assertThat(listedClients()).doesNotContainKey(SERVICE);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, first)).containsEntry("active", false);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, second)).containsEntry("active", false);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, other)).containsEntry("active", true);
        // the client is still enabled: a token issued from the next second on is active
        Thread.sleep(Math.max(0, notBefore * 1000 - System.currentTimeMillis()));
        String fresh = clientCredentials(REVLIST_SERVICE, REVLIST_SERVICE_SECRET, "api.read");
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, fresh)).containsEntry("active", true);
    }

    @Test
    void adminApiWhenItsBearerTokenWasRevokedThenRefusedLikeAtResourceServers() {
        String token = clientCredentials(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        assertThat(client().get("/admin/clients", "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(200);

        assertThat(client().revoke(ADMIN_TOOL, ADMIN_TOOL_SECRET, token, "access_token")
                        .status())
                .isEqualTo(200);

        Response refused = client().get("/admin/clients", "Authorization", "Bearer " + token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate"))
                .hasValueSatisfying((challenge) -> assertThat(challenge).contains("invalid_token"));
    }

    // --- the endpoint ---

    @Test
    void revokedTokensWhenAskedWithoutCredentialsThenPublicJsonWithEtagAndNoCache() {
        Response response = client().get("/oauth2/revoked-tokens");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.header("Cache-Control").orElse("")).isEqualTo("no-cache");
        assertThat(response.header("ETag").orElse("")).startsWith("W/\"");
        assertThat(response.json()).containsKeys("revoked", "generated_at");
    }

    @Test
    void revokedTokensWhenIfNoneMatchCurrentThen304WithoutBodyAndAfterARevocationThenNewList() {
        Response first = client().get("/oauth2/revoked-tokens");
        String etag = first.header("ETag").orElseThrow();

        Response unchanged = client().get("/oauth2/revoked-tokens", "If-None-Match", etag);

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).contains(etag);

        String token = clientCredentials(SERVICE, SERVICE_SECRET, "api.read");
        client().revoke(SERVICE, SERVICE_SECRET, token, null);
        Response changed = client().get("/oauth2/revoked-tokens", "If-None-Match", etag);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(changed.body()).contains(jtiOf(token));
    }

    @Test
    void revokedTokensWhenEntryExpiredThenNotListedAndPurgedWhileServing() {
        String expired = "expired-" + UUID.randomUUID();
        String live = "live-" + UUID.randomUUID();
        Instant now = Instant.now();
        this.jdbc.update(
                "INSERT INTO phoenix_revoked_jti (jti, expires_at, revoked_at) VALUES (?, ?, ?)",
                expired,
                Timestamp.from(now.minusSeconds(10)),
                Timestamp.from(now.minusSeconds(600)));
        // revoking through the component makes this node read the table again at once
        this.revokedTokens.revoke(live, now.plusSeconds(300));

        Map<String, Long> listed = listedJtis();

        assertThat(listed).containsKey(live).doesNotContainKey(expired);
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM phoenix_revoked_jti WHERE jti = ?", Integer.class, expired))
                .isZero();
        this.revokedTokens.revoke("already-expired-" + UUID.randomUUID(), now.minusSeconds(1));
        assertThat(this.revokedTokens.purgeExpired(Instant.now().plusSeconds(301)))
                .isGreaterThanOrEqualTo(1);
        assertThat(listedJtis()).doesNotContainKey(live);
    }

    @Test
    void metadataWhenFetchedThenAdvertisesTheRevocationListEndpoint() {
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            Response metadata = client().get(path);
            assertThat(metadata.json())
                    .as(path)
                    .containsEntry("phoenix_revocation_list_endpoint", issuer() + "/oauth2/revoked-tokens");
        }
    }

    // --- helpers ---

    /** jti → exp of the list as the endpoint serves it. */
    private Map<String, Long> listedJtis() {
        Response response = client().get("/oauth2/revoked-tokens");
        assertThat(response.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> revoked =
                (List<Map<String, Object>>) response.json().get("revoked");
        Map<String, Long> jtis = new java.util.HashMap<>();
        for (Map<String, Object> entry : revoked) {
            jtis.put((String) entry.get("jti"), ((Number) entry.get("exp")).longValue());
        }
        return jtis;
    }

    /** client_id → entry of the list's {@code clients} array as the endpoint serves it. */
    private Map<String, Map<String, Object>> listedClients() {
        Response response = client().get("/oauth2/revoked-tokens");
        assertThat(response.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> clients =
                (List<Map<String, Object>>) response.json().get("clients");
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        for (Map<String, Object> entry : clients) {
            byId.put((String) entry.get("client_id"), entry);
        }
        return byId;
    }

    private static long iatOf(String jwt) throws ParseException {
        return SignedJWT.parse(jwt).getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond();
    }

    private String clientCredentials(String clientId, String secret, String scope) {
        Response response = client().clientCredentialsBasic(clientId, secret, scope);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }

    private static Map<String, Object> codeFlowTokens(OAuthTestClient browser, String scope) {
        Pkce pkce = OAuthTestClient.pkce();
        var result = browser.authorize(new AuthorizationRequest(WEB, WEB_REDIRECT, scope).pkce(pkce), USER, PASSWORD);
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json();
    }

    private static String jtiOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getJWTID();
        } catch (ParseException ex) {
            throw new AssertionError("not a JWT", ex);
        }
    }
}
