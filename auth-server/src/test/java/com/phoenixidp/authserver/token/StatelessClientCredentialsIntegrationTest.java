package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.SERVICE;
import static com.phoenixidp.authserver.TestData.SERVICE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.ClientService;
import com.phoenixidp.authserver.management.Actor;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Client-credentials access tokens are stateless JWTs ({@link StatelessAccessTokens}): no row is
 * written when one is issued, yet introspection, RFC 7009 revocation, disabling and deleting the
 * client all work on them as on stored tokens, and a forged or expired one is never active.
 */
class StatelessClientCredentialsIntegrationTest extends AuthServerIntegrationTest {

    @Autowired
    ClientService clientService;

    @Test
    void tokenWhenIssuedThenNoRowWrittenAndMarkedWithItsGrant() throws Exception {
        int before = rowsOf(SERVICE);

        String token = accessToken(client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read"));

        assertThat(rowsOf(SERVICE)).as("no oauth2_authorization row").isEqualTo(before);
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringClaim("gty")).isEqualTo("client_credentials");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(SERVICE);
    }

    @Test
    void introspectWhenStatelessTokenThenActiveWithItsClaims() throws Exception {
        String token = accessToken(client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read api.write"));
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        Map<String, Object> answer = client().introspect(SERVICE, SERVICE_SECRET, token);

        assertThat(answer)
                .containsEntry("active", true)
                .containsEntry("client_id", SERVICE)
                .containsEntry("sub", SERVICE)
                .containsEntry("token_type", "Bearer")
                .containsEntry("jti", claims.getJWTID())
                .containsEntry("iss", issuer());
        assertThat(String.valueOf(answer.get("scope")).split(" ")).containsExactlyInAnyOrder("api.read", "api.write");
        assertThat(((Number) answer.get("exp")).longValue())
                .isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());
    }

    @Test
    void revokeWhenStatelessTokenThenInactiveAndListedByJti() throws Exception {
        String token = accessToken(client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read"));
        String other = accessToken(client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read"));

        Response revoked = client().revoke(SERVICE, SERVICE_SECRET, token, "access_token");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, token)).containsEntry("active", false);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, other)).containsEntry("active", true);
        assertThat(client().get("/oauth2/revoked-tokens").body())
                .contains("\"" + SignedJWT.parse(token).getJWTClaimsSet().getJWTID() + "\"");
        // revoking it again is still a success (RFC 7009 2.2), and changes nothing
        assertThat(client().revoke(SERVICE, SERVICE_SECRET, token, "access_token")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void introspectWhenForgedWithAnotherKeyOrTamperedThenInactive() throws Exception {
        String genuine = accessToken(client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read"));
        SignedJWT parsed = SignedJWT.parse(genuine);
        RSAKey foreign =
                new RSAKeyGenerator(2048).keyID(parsed.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(foreign.getKeyID())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                new JWTClaimsSet.Builder(parsed.getJWTClaimsSet())
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        forged.sign(new RSASSASigner(foreign));
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "."
                + com.nimbusds.jose.util.Base64URL.encode(new JWTClaimsSet.Builder(parsed.getJWTClaimsSet())
                        .claim("scope", "api.write")
                        .build()
                        .toString())
                + "." + parts[2];

        assertThat(client().introspect(SERVICE, SERVICE_SECRET, forged.serialize()))
                .containsEntry("active", false);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, tampered)).containsEntry("active", false);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, genuine)).containsEntry("active", true);
    }

    @Test
    void introspectWhenExpiredThenInactiveWithoutTheDecodersClockSkew() throws Exception {
        String clientId = "stateless-" + UUID.randomUUID().toString().substring(0, 8);
        ClientDefinition definition = serviceClient(clientId);
        definition.setAccessTokenTtl(Duration.ofSeconds(1));
        String secret = this.clientService.create(definition, Actor.BOOTSTRAP).generatedSecret();
        String token = accessToken(client().clientCredentialsBasic(clientId, secret, "api.read"));
        long exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().getTime();

        Thread.sleep(Math.max(0, exp - System.currentTimeMillis()) + 100);

        assertThat(client().introspect(SERVICE, SERVICE_SECRET, token)).containsEntry("active", false);
    }

    @Test
    void deleteThenCreateAgainUnderTheSameIdWhenOldTokenIntrospectedThenInactiveAndNewActive() throws Exception {
        String clientId = "stateless-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = this.clientService
                .create(serviceClient(clientId), Actor.BOOTSTRAP)
                .generatedSecret();
        String old = accessToken(client().clientCredentialsBasic(clientId, secret, "api.read"));
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, old)).containsEntry("active", true);

        this.clientService.delete(clientId, Actor.BOOTSTRAP);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, old)).containsEntry("active", false);
        String again = this.clientService
                .create(serviceClient(clientId), Actor.BOOTSTRAP)
                .generatedSecret();
        String fresh = accessToken(client().clientCredentialsBasic(clientId, again, "api.read"));

        assertThat(client().introspect(SERVICE, SERVICE_SECRET, old))
                .as("a token of the deleted client stays revoked under the new one")
                .containsEntry("active", false);
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, fresh)).containsEntry("active", true);
        assertThat(SignedJWT.parse(fresh).getJWTClaimsSet().getIssueTime())
                .isAfterOrEqualTo(new Date(
                        SignedJWT.parse(old).getJWTClaimsSet().getIssueTime().getTime() + 1000));
    }

    private static ClientDefinition serviceClient(String clientId) {
        ClientDefinition definition = new ClientDefinition();
        definition.setClientId(clientId);
        definition.setGrantTypes(List.of("client_credentials"));
        definition.setAuthMethods(List.of("client_secret_basic"));
        definition.setScopes(List.of("api.read"));
        definition.setRequireConsent(false);
        return definition;
    }

    private int rowsOf(String clientId) {
        Integer rows = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM oauth2_authorization a JOIN oauth2_registered_client c"
                        + " ON a.registered_client_id = c.id WHERE c.client_id = ?",
                Integer.class,
                clientId);
        return (rows != null) ? rows : -1;
    }

    private static String accessToken(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }
}
