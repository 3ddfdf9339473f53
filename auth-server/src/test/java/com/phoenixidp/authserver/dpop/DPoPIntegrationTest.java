package com.phoenixidp.authserver.dpop;

import static com.phoenixidp.authserver.TestData.ALICE;
import static com.phoenixidp.authserver.TestData.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.DPoPKey;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DPoP at the token endpoint (RFC 9449) over HTTP: a valid proof gets {@code token_type: DPoP}
 * and an access token bound to the proof key ({@code cnf.jkt}, its RFC 7638 thumbprint); a bad,
 * replayed or misaddressed proof is {@code 400 invalid_dpop_proof}, and so is a missing proof
 * from a client registered with {@code require-dpop}. A public client gets a refresh token only
 * with DPoP, bound to that key.
 */
class DPoPIntegrationTest extends AuthServerIntegrationTest {

    private static final String SPA = "dpop-spa";

    private static final String SPA_REDIRECT = "http://localhost:8081/dpop/cb";

    private final OAuthTestClient http = client();

    @Test
    void clientCredentialsWhenValidProofThenDPoPTokenBoundToTheProofKey() {
        DPoPKey key = DPoPKey.generate();

        Response response = clientCredentials(
                "dpop-service", "dpop-service-secret-0123456789-01234", key.proof("POST", tokenUrl()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).containsEntry("token_type", "DPoP");
        assertThat(cnf(response)).containsEntry("jkt", key.thumbprint());
    }

    @Test
    void clientCredentialsWhenProofBadReplayedOrForAnotherTargetThenInvalidDpopProof() {
        DPoPKey key = DPoPKey.generate();
        String valid = key.proof("POST", tokenUrl());
        assertThat(clientCredentials("dpop-service", "dpop-service-secret-0123456789-01234", valid)
                        .status())
                .isEqualTo(200);
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");

        List<String> refused = List.of(
                valid, // replayed
                tampered,
                key.proof("POST", issuer() + "/oauth2/introspect"),
                key.proof("POST", "https://other-server.example/oauth2/token"),
                key.proof("GET", tokenUrl()),
                key.proof(
                        "POST",
                        tokenUrl(),
                        UUID.randomUUID().toString(),
                        Instant.now().minusSeconds(300)),
                key.proofTyped("JWT", "POST", tokenUrl()),
                key.proofWithPrivateJwk("POST", tokenUrl()),
                "not-a-jwt");

        for (String proof : refused) {
            Response response = clientCredentials("dpop-service", "dpop-service-secret-0123456789-01234", proof);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json())
                    .containsEntry("error", "invalid_dpop_proof")
                    .doesNotContainKey("access_token");
        }
    }

    @Test
    void clientCredentialsWhenClientRequiresDpopThenProofMandatory() {
        Response withoutProof = clientCredentials("dpop-required", "dpop-required-secret-0123456789-0123", null);
        DPoPKey key = DPoPKey.generate();
        Response withProof = clientCredentials(
                "dpop-required", "dpop-required-secret-0123456789-0123", key.proof("POST", tokenUrl()));

        assertThat(withoutProof.status()).isEqualTo(400);
        assertThat(withoutProof.json()).containsEntry("error", "invalid_dpop_proof");
        assertThat(withProof.status()).as(withProof.body()).isEqualTo(200);
        assertThat(withProof.json()).containsEntry("token_type", "DPoP");
        Response optional = clientCredentials("dpop-service", "dpop-service-secret-0123456789-01234", null);
        assertThat(optional.json()).as("DPoP stays optional for others").containsEntry("token_type", "Bearer");
    }

    @Test
    void publicClientWhenCodeExchangedWithProofThenRefreshTokenBoundToThatKey() {
        DPoPKey key = DPoPKey.generate();
        Response tokens = exchangeCode(key.proof("POST", tokenUrl()));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json()).containsEntry("token_type", "DPoP").containsKeys("refresh_token", "id_token");
        assertThat(cnf(tokens)).containsEntry("jkt", key.thumbprint());
        String refreshToken = (String) tokens.json().get("refresh_token");

        Response refreshed = refresh(refreshToken, key.proof("POST", tokenUrl()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json()).containsEntry("token_type", "DPoP").containsKey("refresh_token");
        assertThat(cnf(refreshed)).containsEntry("jkt", key.thumbprint());
        String rotated = (String) refreshed.json().get("refresh_token");

        Response otherKey = refresh(rotated, DPoPKey.generate().proof("POST", tokenUrl()));
        Response noProof = refresh(rotated, null);
        for (Response refused : List.of(otherKey, noProof)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json())
                    .containsEntry("error", "invalid_dpop_proof")
                    .doesNotContainKey("access_token");
        }
        Response sameKeyAgain = refresh(rotated, key.proof("POST", tokenUrl()));
        assertThat(sameKeyAgain.status()).as(sameKeyAgain.body()).isEqualTo(200);
    }

    @Test
    void publicClientWhenCodeExchangedWithoutProofThenBearerAndNoRefreshToken() {
        Response tokens = exchangeCode(null);

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json()).containsEntry("token_type", "Bearer").doesNotContainKey("refresh_token");
    }

    private Response exchangeCode(String proof) {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = client().authorize(
                        new AuthorizationRequest(SPA, SPA_REDIRECT, "openid api.read").pkce(pkce),
                        ALICE,
                        ALICE_PASSWORD);
        assertThat(result.code()).as(String.valueOf(result.lastResponse())).isNotNull();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", result.code());
        form.put("redirect_uri", SPA_REDIRECT);
        form.put("code_verifier", pkce.verifier());
        form.put("client_id", SPA);
        return post(form, proof);
    }

    private Response refresh(String refreshToken, String proof) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", SPA);
        return post(form, proof);
    }

    private Response clientCredentials(String clientId, String secret, String proof) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "api.read");
        List<String> headers =
                new java.util.ArrayList<>(List.of("Authorization", OAuthTestClient.basicAuth(clientId, secret)));
        if (proof != null) {
            headers.addAll(List.of("DPoP", proof));
        }
        return this.http.postFormWithHeaders("/oauth2/token", form, headers.toArray(String[]::new));
    }

    private Response post(Map<String, String> form, String proof) {
        return (proof != null)
                ? this.http.postFormWithHeaders("/oauth2/token", form, "DPoP", proof)
                : this.http.postForm("/oauth2/token", form);
    }

    private Map<String, Object> cnf(Response tokens) {
        JWTClaimsSet claims =
                OAuthTestClient.verifiedClaims((String) tokens.json().get("access_token"), this.http.jwks());
        try {
            return claims.getJSONObjectClaim("cnf");
        } catch (java.text.ParseException ex) {
            throw new AssertionError(ex);
        }
    }

    private static String tokenUrl() {
        return issuer() + "/oauth2/token";
    }
}
