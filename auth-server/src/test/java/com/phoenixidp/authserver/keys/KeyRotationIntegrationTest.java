package com.phoenixidp.authserver.keys;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Signing key rotation through the admin API: a new key is published before it signs, and
 * retired keys stay published while their tokens live (OIDC Core 10.1.1).
 */
class KeyRotationIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void rotateWhenAdminTokenThenNewKidPublishedBeforeUseAndOldTokensStillVerify() {
        OAuthTestClient client = client();
        JWKSet before = client.jwks();
        Set<String> kidsBefore = kids(before);
        String oldToken = serviceToken(client);
        String oldKid = OAuthTestClient.kidOf(oldToken);
        OAuthTestClient.verifiedClaims(oldToken, before);

        Response rotated = client.post("/admin/keys/rotate", null, "", "Authorization", "Bearer " + adminToken(client));

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json()).containsEntry("rotated", true);
        JWKSet after = client.jwks();
        OAuthTestClient.verifiedClaims(oldToken, after);
        String newToken = serviceToken(client);
        String newKid = OAuthTestClient.kidOf(newToken);
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(kidsBefore)
                .as("the new signing key was published before the rotation")
                .contains(newKid);
        OAuthTestClient.verifiedClaims(newToken, after);
        assertThat(kids(after)).contains(oldKid, newKid);
        Response userinfoLike = client.get("/admin/keys", "Authorization", "Bearer " + adminToken(client));
        assertThat(userinfoLike.status()).isEqualTo(200);
    }

    @Test
    void rotateWhenClientSignsWithEdDsaThenNextOkpKeyWasPublishedBeforeUseAndOldTokensStillVerify() {
        OAuthTestClient client = client();
        String oldToken = edDsaToken(client);
        Set<String> kidsBefore = kids(client.jwks());
        assertThat(client.jwks().getKeyByKeyId(OAuthTestClient.kidOf(oldToken)).getKeyType())
                .isEqualTo(com.nimbusds.jose.jwk.KeyType.OKP);

        Response rotated = client.post("/admin/keys/rotate", null, "", "Authorization", "Bearer " + oldToken);

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newToken = edDsaToken(client);
        JWKSet after = client.jwks();
        assertThat(OAuthTestClient.kidOf(newToken)).isNotEqualTo(OAuthTestClient.kidOf(oldToken));
        assertThat(kidsBefore)
                .as("the new EdDSA key was published before the rotation")
                .contains(OAuthTestClient.kidOf(newToken));
        OAuthTestClient.verifiedClaims(oldToken, after);
        OAuthTestClient.verifiedClaims(newToken, after);
        assertThat(after.getKeys())
                .filteredOn((key) -> "EdDSA".equals(key.getAlgorithm().getName()))
                .as("retired, active and next EdDSA keys")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void rotateWhenTokenWithoutAdminScopeThenForbidden() {
        OAuthTestClient client = client();
        Set<String> kidsBefore = kids(client.jwks());

        Response response =
                client.post("/admin/keys/rotate", null, "", "Authorization", "Bearer " + serviceToken(client));

        assertThat(response.status()).isEqualTo(403);
        assertThat(kids(client.jwks())).isEqualTo(kidsBefore);
    }

    @Test
    void rotateWhenNoTokenThenUnauthorized() {
        Response response = client().post("/admin/keys/rotate", null, "");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));
    }

    private static Set<String> kids(JWKSet jwks) {
        return jwks.getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    private static String serviceToken(OAuthTestClient client) {
        return (String) client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                .json()
                .get("access_token");
    }

    /** An admin token signed EdDSA: client sig-eddsa-admin chose access-token-signature-algorithm EdDSA. */
    private static String edDsaToken(OAuthTestClient client) {
        Response response = client.clientCredentialsBasic(
                "sig-eddsa-admin", "sig-eddsa-secret-0123456789-0123456", "phoenix.admin");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }

    private static String adminToken(OAuthTestClient client) {
        Response response = client.clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }
}
