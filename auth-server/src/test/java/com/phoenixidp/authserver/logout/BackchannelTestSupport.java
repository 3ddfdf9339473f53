package com.phoenixidp.authserver.logout;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.TestData;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the back-channel logout tests do over HTTP, as an admin and a relying party would: clients
 * registered through the admin API with a {@code backchannel-logout-uri}, users provisioned and
 * disabled through SCIM, code flows that return the ID token, and the checks a relying party makes
 * of a logout token (OIDC Back-Channel Logout 1.0 section 2.6).
 */
final class BackchannelTestSupport {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private static final String SCIM_CLIENT = "scim-provisioner";

    private static final String SCIM_SECRET = "scim-secret-0123456789-0123456789-xy";

    private final String baseUrl;

    BackchannelTestSupport(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A public client (PKCE) with this back-channel logout URI (null: none), made by the admin API. */
    String registerClient(String backchannelLogoutUri) {
        String clientId = "bcl-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client-id", clientId);
        body.put("grant-types", List.of("authorization_code"));
        body.put("auth-methods", List.of("none"));
        body.put("redirect-uris", List.of(redirectUri(clientId)));
        body.put("scopes", List.of("openid", "profile"));
        body.put("require-consent", false);
        if (backchannelLogoutUri != null) {
            body.put("backchannel-logout-uri", backchannelLogoutUri);
        }
        Response created = http().send(
                        "POST",
                        "/admin/clients",
                        "application/json",
                        OAuthTestClient.toJson(body),
                        "Authorization",
                        "Bearer " + token(TestData.ADMIN_TOOL, TestData.ADMIN_TOOL_SECRET, "phoenix.admin"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return clientId;
    }

    static String redirectUri(String clientId) {
        return "http://localhost:8089/" + clientId + "/callback";
    }

    /** A new local user (SCIM); returns its SCIM id. */
    String createUser(String username, String password) {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + username
                + "\",\"password\":\"" + password + "\"}";
        Response response = scim("POST", "/scim/v2/Users", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    Response scim(String method, String path, String body) {
        return http().send(
                        method,
                        path,
                        (body != null) ? "application/scim+json" : null,
                        body,
                        "Authorization",
                        "Bearer " + token(SCIM_CLIENT, SCIM_SECRET, "phoenix.admin"));
    }

    Response adminPost(String path) {
        return http().send(
                        "POST",
                        path,
                        null,
                        null,
                        "Authorization",
                        "Bearer " + token(TestData.ADMIN_TOOL, TestData.ADMIN_TOOL_SECRET, "phoenix.admin"));
    }

    /** The code flow in {@code browser} (signing in if asked); returns the ID token. */
    static String signIn(OAuthTestClient browser, String clientId, String username, String password) {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(clientId, redirectUri(clientId), "openid profile").pkce(pkce),
                username,
                password);
        assertThat(result.code()).as(String.valueOf(result.lastResponse())).isNotNull();
        Response token = browser.exchangeCodePublic(clientId, result.code(), redirectUri(clientId), pkce.verifier());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return (String) token.json().get("id_token");
    }

    /**
     * Checks a logout token as a relying party must (OIDC Back-Channel Logout 1.0 section 2.6):
     * signature by a key of the JWK set, {@code typ}, {@code iss}, {@code aud}, {@code iat},
     * {@code exp}, {@code jti}, the event, no {@code nonce}; and that it names this user and session.
     */
    JWTClaimsSet assertLogoutToken(String logoutToken, String clientId, String subject, String sid) {
        JWTClaimsSet claims = OAuthTestClient.verifiedClaims(logoutToken, http().jwks());
        try {
            assertThat(SignedJWT.parse(logoutToken).getHeader().getType()).isEqualTo(new JOSEObjectType("logout+jwt"));
            assertThat(claims.getIssuer()).isEqualTo(this.baseUrl);
            assertThat(claims.getAudience()).containsExactly(clientId);
            assertThat(claims.getSubject()).isEqualTo(subject);
            assertThat(claims.getStringClaim("sid")).isEqualTo(sid);
            assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys(EVENT);
            assertThat((Map<?, ?>) claims.getJSONObjectClaim("events").get(EVENT))
                    .isEmpty();
        } catch (ParseException ex) {
            throw new AssertionError(ex);
        }
        assertThat(claims.getClaims()).doesNotContainKey("nonce");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(new java.util.Date());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(120_000L);
        return claims;
    }

    static String sidOf(String idToken) {
        try {
            return SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("sid");
        } catch (ParseException ex) {
            throw new AssertionError(ex);
        }
    }

    private String token(String clientId, String secret, String scope) {
        Response token = http().clientCredentialsBasic(clientId, secret, scope);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return (String) token.json().get("access_token");
    }

    private OAuthTestClient http() {
        return new OAuthTestClient(this.baseUrl);
    }
}
