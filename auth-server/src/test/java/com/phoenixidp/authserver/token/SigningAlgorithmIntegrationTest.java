package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.ALICE;
import static com.phoenixidp.authserver.TestData.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.crypto.jws.JwsVerifier;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Per-client token signing algorithms (bootstrap {@code access-token-signature-algorithm} and
 * {@code id-token-signature-algorithm}): RS256 by default, ES256 (RFC 7518 3.4) or EdDSA with an
 * Ed25519 key published as an OKP JWK (RFC 8037); every token verifies against the JWK set.
 */
class SigningAlgorithmIntegrationTest extends AuthServerIntegrationTest {

    private final OAuthTestClient http = client();

    @Test
    void clientCredentialsWhenClientChoseEs256ThenEs256AccessTokenVerifiesAgainstJwks() throws Exception {
        Response response =
                this.http.clientCredentialsBasic("sig-es256-service", "sig-es256-secret-0123456789-0123456", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String token = (String) response.json().get("access_token");
        assertThat(algorithmOf(token)).isEqualTo(JWSAlgorithm.ES256);
        assertThat(OAuthTestClient.verifiedClaims(token, this.http.jwks()).getSubject())
                .isEqualTo("sig-es256-service");
    }

    @Test
    void clientCredentialsWhenClientChoseEdDsaThenTokenVerifiesWithOkpEd25519KeyAndServerAcceptsIt() throws Exception {
        JWKSet jwks = this.http.jwks();
        String token = edDsaAdminToken();

        assertThat(algorithmOf(token)).isEqualTo(JWSAlgorithm.EdDSA);
        JWK key = jwks.getKeyByKeyId(OAuthTestClient.kidOf(token));
        assertThat(key).isInstanceOf(OctetKeyPair.class);
        assertThat(((OctetKeyPair) key).getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.toJSONObject()).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519");
        JWTClaimsSet claims = new JwsVerifier(Set.of(JWSAlgorithm.EdDSA)).verify(token, jwks);
        assertThat(claims.getSubject()).isEqualTo("sig-eddsa-admin");
        Response keys = this.http.get("/admin/keys", "Authorization", "Bearer " + token);
        assertThat(keys.status())
                .as("the server's own endpoints accept EdDSA-signed tokens")
                .isEqualTo(200);
    }

    @Test
    void authorizationCodeWhenClientChoseEdDsaIdTokenThenIdTokenEdDsaAndAccessTokenEs256() throws Exception {
        Response tokens = codeFlow("sig-eddsa-web", "sig-eddsa-web-secret-0123456789-01234", "/sig/eddsa");

        String idToken = (String) tokens.json().get("id_token");
        String accessToken = (String) tokens.json().get("access_token");
        assertThat(algorithmOf(idToken)).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(algorithmOf(accessToken)).isEqualTo(JWSAlgorithm.ES256);
        JWKSet jwks = this.http.jwks();
        assertThat(OAuthTestClient.verifiedClaims(idToken, jwks).getSubject()).isEqualTo(ALICE);
        assertThat(OAuthTestClient.verifiedClaims(accessToken, jwks).getSubject())
                .isEqualTo(ALICE);
    }

    @Test
    void authorizationCodeWhenClientChoseEs256IdTokenThenIdTokenEs256AndAccessTokenDefaultRs256() throws Exception {
        Response tokens = codeFlow("sig-es256-web", "sig-es256-web-secret-0123456789-01234", "/sig/es256");

        String idToken = (String) tokens.json().get("id_token");
        assertThat(algorithmOf(idToken)).isEqualTo(JWSAlgorithm.ES256);
        assertThat(algorithmOf((String) tokens.json().get("access_token"))).isEqualTo(JWSAlgorithm.RS256);
        assertThat(OAuthTestClient.verifiedClaims(idToken, this.http.jwks()).getAudience())
                .containsExactly("sig-es256-web");
    }

    @Test
    void discoveryWhenFetchedThenListsEveryIdTokenSigningAlgorithm() {
        Response metadata = this.http.get("/.well-known/openid-configuration");

        assertThat(metadata.json().get("id_token_signing_alg_values_supported"))
                .isEqualTo(java.util.List.of("RS256", "ES256", "EdDSA"));
    }

    private Response codeFlow(String clientId, String secret, String path) {
        String redirect = "http://localhost:8080" + path;
        OAuthTestClient browser = client();
        OAuthTestClient.Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(clientId, redirect, "openid profile").pkce(pkce), ALICE, ALICE_PASSWORD);
        assertThat(result.code()).as(String.valueOf(result.lastResponse())).isNotNull();
        Response tokens = browser.exchangeCodeBasic(clientId, secret, result.code(), redirect, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens;
    }

    private String edDsaAdminToken() {
        Response response = this.http.clientCredentialsBasic(
                "sig-eddsa-admin", "sig-eddsa-secret-0123456789-0123456", "phoenix.admin");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }

    static JWSAlgorithm algorithmOf(String jwt) throws java.text.ParseException {
        return SignedJWT.parse(jwt).getHeader().getAlgorithm();
    }
}
