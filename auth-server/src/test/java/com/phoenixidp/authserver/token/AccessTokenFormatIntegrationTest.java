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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 9068 JWT access tokens: header {@code typ: at+jwt}, {@code scope} a space-separated string,
 * {@code iss sub aud exp iat jti client_id}; ID tokens are not typed as access tokens, and this
 * server's own APIs accept only access tokens.
 */
class AccessTokenFormatIntegrationTest extends AuthServerIntegrationTest {

    private static final String USER = "revlist-user";

    private static final String PASSWORD = "revlist-password-1";

    // --- RFC 9068 ---

    @Test
    void accessTokenWhenIssuedThenTypedAtJwtWithSpaceSeparatedScopeAndRfc9068Claims() throws Exception {
        String token = clientCredentials(SERVICE, SERVICE_SECRET, "api.read api.write");

        SignedJWT jwt = SignedJWT.parse(token);
        JWTClaimsSet claims = OAuthTestClient.verifiedClaims(token, client().jwks());

        assertThat(jwt.getHeader().getType()).hasToString("at+jwt");
        assertThat(claims.getClaim("scope")).isInstanceOf(String.class);
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrder("api.read", "api.write");
        assertThat(claims.getIssuer()).isEqualTo(issuer());
        assertThat(claims.getSubject()).isEqualTo(SERVICE);
        assertThat(claims.getAudience()).contains(SERVICE);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(SERVICE);
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    @Test
    void codeFlowWhenTokensIssuedThenOnlyTheAccessTokenIsTypedAtJwtAndIntrospectionStillShowsScope() throws Exception {
        Map<String, Object> tokens = codeFlowTokens(client(), "openid api.read");
        String access = (String) tokens.get("access_token");
        String id = (String) tokens.get("id_token");

        assertThat(SignedJWT.parse(access).getHeader().getType()).hasToString("at+jwt");
        assertThat(SignedJWT.parse(access)
                        .getJWTClaimsSet()
                        .getStringClaim("scope")
                        .split(" "))
                .containsExactlyInAnyOrder("openid", "api.read");
        assertThat(SignedJWT.parse(id).getHeader().getType()).isNull();
        assertThat(((String) client().introspect(WEB, WEB_SECRET, access).get("scope")).split(" "))
                .containsExactlyInAnyOrder("openid", "api.read");
    }

    @Test
    void adminApiWhenAtJwtTokenThenAcceptedAndWhenIdTokenThenInvalidToken() {
        String admin = clientCredentials(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        String idToken = (String) codeFlowTokens(client(), "openid").get("id_token");

        Response withAccessToken =
                client().get("/admin/users/" + USER + "/sessions", "Authorization", "Bearer " + admin);
        Response withIdToken = client().get("/admin/users/" + USER + "/sessions", "Authorization", "Bearer " + idToken);

        assertThat(withAccessToken.status()).as(withAccessToken.body()).isEqualTo(200);
        assertThat(withIdToken.status()).isEqualTo(401);
        assertThat(withIdToken.header("WWW-Authenticate").orElse("")).contains("invalid_token");
    }

    // --- helpers ---

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
}
