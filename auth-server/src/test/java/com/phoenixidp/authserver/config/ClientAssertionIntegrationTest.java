package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ClientKeyServer;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.token.TokenHashes;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code private_key_jwt} client assertions (RFC 7523 section 3) beyond a valid signature: the
 * {@code jti} is single use (on every node: kept in the database until the assertion expires),
 * {@code aud} must be this server's issuer (RFC 7523bis, FAPI 2.0) or, for older clients, its
 * token endpoint, and an assertion living more than 5 minutes ({@code exp - iat}) is refused;
 * every refusal is {@code 401 invalid_client}.
 */
class ClientAssertionIntegrationTest extends AuthServerIntegrationTest {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Test
    void clientCredentialsWhenAssertionJtiReplayedThenSecondUseInvalidClient() {
        String assertion = assertion(issuer(), UUID.randomUUID().toString(), 0, 60);

        Response first = tokenRequest(assertion);
        Response replay = tokenRequest(assertion);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertInvalidClient(replay);
        Response sameJtiNewAssertion = tokenRequest(assertion(issuer(), jtiOf(assertion), 0, 90));
        assertInvalidClient(sameJtiNewAssertion);
        assertThat(this.jdbc.queryForList("SELECT jti_hash FROM phoenix_seen_jti", String.class))
                .as("kept as a hash")
                .contains(TokenHashes.hash(jtiOf(assertion)))
                .doesNotContain(jtiOf(assertion));
    }

    @Test
    void clientCredentialsWhenAudienceIsTheIssuerOrTheTokenEndpointThenAccepted() {
        Response issuerAudience =
                tokenRequest(assertion(issuer(), UUID.randomUUID().toString(), 0, 60));
        Response tokenEndpointAudience = tokenRequest(
                assertion(issuer() + "/oauth2/token", UUID.randomUUID().toString(), 0, 60));

        assertThat(issuerAudience.status()).as(issuerAudience.body()).isEqualTo(200);
        assertThat(tokenEndpointAudience.status())
                .as(tokenEndpointAudience.body())
                .isEqualTo(200);
    }

    @Test
    void clientCredentialsWhenAudienceIsAnotherEndpointOrServerThenInvalidClient() {
        for (String audience :
                List.of(issuer() + "/oauth2/introspect", issuer() + "/oauth2/revoke", "https://other-server.example")) {
            assertInvalidClient(
                    tokenRequest(assertion(audience, UUID.randomUUID().toString(), 0, 60)));
        }
    }

    @Test
    void clientCredentialsWhenAssertionLivesLongerThanFiveMinutesThenInvalidClient() {
        Response sixMinutes = tokenRequest(assertion(issuer(), UUID.randomUUID().toString(), 0, 360));
        Response fiveMinutes =
                tokenRequest(assertion(issuer(), UUID.randomUUID().toString(), 0, 300));

        assertInvalidClient(sixMinutes);
        assertThat(fiveMinutes.status()).as(fiveMinutes.body()).isEqualTo(200);
    }

    @Test
    void clientCredentialsWhenJtiOrIatMissingThenInvalidClient() {
        long now = System.currentTimeMillis();
        Response noJti = tokenRequest(ClientKeyServer.assertion(issuer(), null, new Date(now), new Date(now + 60_000)));
        Response noIat = tokenRequest(
                ClientKeyServer.assertion(issuer(), UUID.randomUUID().toString(), null, new Date(now + 60_000)));

        assertInvalidClient(noJti);
        assertInvalidClient(noIat);
    }

    /** An assertion issued {@code iatOffset} seconds from now and expiring {@code lifetime} seconds after it. */
    private static String assertion(String audience, String jti, long iatOffset, long lifetime) {
        long iat = System.currentTimeMillis() + iatOffset * 1000;
        return ClientKeyServer.assertion(audience, jti, new Date(iat), new Date(iat + lifetime * 1000));
    }

    private static String jtiOf(String assertion) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(assertion).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException ex) {
            throw new AssertionError(ex);
        }
    }

    private Response tokenRequest(String assertion) {
        return client().postForm(
                        "/oauth2/token",
                        ClientAuthenticationIntegrationTest.form(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                ClientKeyServer.CLIENT_ID,
                                "client_assertion_type",
                                JWT_BEARER,
                                "client_assertion",
                                assertion,
                                "scope",
                                "api.read"));
    }

    private static void assertInvalidClient(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json()).containsEntry("error", "invalid_client").doesNotContainKey("access_token");
    }
}
