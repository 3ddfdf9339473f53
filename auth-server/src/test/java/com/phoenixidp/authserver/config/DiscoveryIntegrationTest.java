package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OIDC Discovery 1.0, RFC 8414 metadata and the JWK set (RFC 7517), as served over HTTP. */
@SuppressWarnings("unchecked")
class DiscoveryIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void openidConfigurationWhenFetchedThenListsEndpointsPkceS256AndEveryClientAuthMethod() {
        Map<String, Object> metadata = getJson("/.well-known/openid-configuration");

        assertThat(metadata)
                .containsEntry("issuer", issuer())
                .containsEntry("authorization_endpoint", issuer() + "/oauth2/authorize")
                .containsEntry("token_endpoint", issuer() + "/oauth2/token")
                .containsEntry("jwks_uri", issuer() + "/oauth2/jwks")
                .containsEntry("userinfo_endpoint", issuer() + "/userinfo")
                .containsEntry("introspection_endpoint", issuer() + "/oauth2/introspect")
                .containsEntry("revocation_endpoint", issuer() + "/oauth2/revoke")
                .containsEntry("end_session_endpoint", issuer() + "/connect/logout")
                .containsEntry("registration_endpoint", issuer() + "/connect/register");
        assertThat(metadata.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
        assertThat(metadata.get("token_endpoint_auth_methods_supported"))
                .isEqualTo(List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
        assertThat((List<Object>) metadata.get("grant_types_supported"))
                .containsExactlyInAnyOrder(
                        "authorization_code",
                        "client_credentials",
                        "refresh_token",
                        "urn:ietf:params:oauth:grant-type:device_code",
                        "urn:ietf:params:oauth:grant-type:token-exchange",
                        "password",
                        "implicit");
        assertThat((List<Object>) metadata.get("response_types_supported")).containsExactlyInAnyOrder("code", "token");
        assertThat(metadata).containsEntry("device_authorization_endpoint", issuer() + "/oauth2/device_authorization");
        assertThat((List<Object>) metadata.get("id_token_signing_alg_values_supported"))
                .contains("RS256");
    }

    @Test
    void authorizationServerMetadataWhenFetchedThenListsEndpointsPkceS256AndEveryClientAuthMethod() {
        Map<String, Object> metadata = getJson("/.well-known/oauth-authorization-server");

        assertThat(metadata)
                .containsEntry("issuer", issuer())
                .containsEntry("authorization_endpoint", issuer() + "/oauth2/authorize")
                .containsEntry("token_endpoint", issuer() + "/oauth2/token")
                .containsEntry("jwks_uri", issuer() + "/oauth2/jwks")
                .containsEntry("introspection_endpoint", issuer() + "/oauth2/introspect")
                .containsEntry("revocation_endpoint", issuer() + "/oauth2/revoke")
                .containsEntry("registration_endpoint", issuer() + "/connect/register");
        assertThat(metadata.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
        assertThat(metadata.get("token_endpoint_auth_methods_supported"))
                .isEqualTo(List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
        assertThat(metadata.get("introspection_endpoint_auth_methods_supported"))
                .isEqualTo(List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
    }

    @Test
    void jwksWhenFetchedThenPublishesRs256AndEs256PublicKeysOnly() {
        JWKSet jwks = client().jwks();

        assertThat(jwks.getKeys())
                .extracting((JWK key) -> key.getAlgorithm().getName())
                .contains("RS256", "ES256");
        assertThat(jwks.getKeys()).allSatisfy((key) -> {
            assertThat(key.isPrivate()).as("kid %s is private", key.getKeyID()).isFalse();
            assertThat(key.getKeyID()).isNotBlank();
        });
    }

    private Map<String, Object> getJson(String path) {
        OAuthTestClient.Response response = client().get(path);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
