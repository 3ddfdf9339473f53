package com.phoenixidp.authserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phoenixidp.authserver.client.ClientDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation of one bootstrap client entry (no storage touched): {@code ClientValidator}'s rules,
 * reported by {@link ClientBootstrap} as the entry and field. Start-up with a bad entry is
 * covered end to end by {@code RestartPersistenceIntegrationTest}; the other reasons are checked
 * here without starting the application.
 */
class ClientBootstrapTest {

    private static final String WHERE = "phoenix.bootstrap.clients[2]";

    private final ClientBootstrap bootstrap = new ClientBootstrap(null, null);

    @Test
    void validateWhenValidConfidentialClientThenAccepted() {
        assertThatNoException().isThrownBy(() -> this.bootstrap.validate(WHERE, confidential()));
    }

    @Test
    void validateWhenUnknownGrantTypeThenExceptionNamingEntryFieldAndValue() {
        ClientDefinition entry = confidential();
        entry.setGrantTypes(new ArrayList<>(List.of("client_credentials", "magic_grant")));

        assertThat(failure(entry)).contains(WHERE, "client-id 'svc'", "grant-types", "'magic_grant'");
    }

    @Test
    void validateWhenUnknownAuthMethodThenExceptionNamingField() {
        ClientDefinition entry = confidential();
        entry.setAuthMethods(new ArrayList<>(List.of("client_secret_jwt")));

        assertThat(failure(entry)).contains(WHERE, "auth-methods", "client_secret_jwt");
    }

    @Test
    void validateWhenSecretShorterThan32CharactersThenExceptionWithoutTheSecret() {
        ClientDefinition entry = confidential();
        entry.setClientSecret("short-secret-123456789012345678"); // 31 characters

        assertThat(failure(entry)).contains(WHERE, "client-secret", "32").doesNotContain("short-secret");
    }

    @Test
    void validateWhenPublicClientHasSecretOrClientCredentialsThenException() {
        ClientDefinition withSecret = confidential();
        withSecret.setAuthMethods(new ArrayList<>(List.of("none")));
        ClientDefinition clientCredentials = confidential();
        clientCredentials.setClientSecret(null);
        clientCredentials.setAuthMethods(new ArrayList<>(List.of("none")));

        assertThat(failure(withSecret)).contains("client-secret");
        assertThat(failure(clientCredentials)).contains("grant-types", "client_credentials");
    }

    @Test
    void validateWhenPrivateKeyJwtWithoutJwkSetUriThenException() {
        ClientDefinition entry = confidential();
        entry.setClientSecret(null);
        entry.setAuthMethods(new ArrayList<>(List.of("private_key_jwt")));

        assertThat(failure(entry)).contains("jwk-set-uri");
    }

    @Test
    void validateWhenRedirectUriPlainHttpOnPublicHostOrWithFragmentThenException() {
        ClientDefinition http = codeClient("http://app.example.com/cb");
        ClientDefinition fragment = codeClient("https://app.example.com/cb#x");

        assertThat(failure(http)).contains("redirect-uris", "https");
        assertThat(failure(fragment)).contains("redirect-uris", "fragment");
        assertThatNoException()
                .isThrownBy(() -> this.bootstrap.validate(WHERE, codeClient("http://127.0.0.1:8080/cb")));
    }

    @Test
    void validateWhenInvalidClientIdThenExceptionNamingEntryAndFieldOnly() {
        ClientDefinition entry = confidential();
        entry.setClientId("no spaces please");

        assertThat(failure(entry)).isEqualTo(WHERE + ": client-id: required, 1-100 characters of A-Z a-z 0-9 . _ ~ -");
    }

    @Test
    void validateWhenTlsClientAuthWithoutIdentityThenExceptionNamingTheThreeFields() {
        ClientDefinition entry = confidential();
        entry.setClientSecret(null);
        entry.setAuthMethods(new ArrayList<>(List.of("tls_client_auth")));

        assertThat(failure(entry))
                .isEqualTo(WHERE + " (client-id 'svc'): tls-subject-dn / tls-san-dns / tls-san-uri: exactly one is"
                        + " required for auth-methods tls_client_auth (RFC 8705 2.1.2)");
    }

    @Test
    void validateWhenBackchannelLogoutUriPlainHttpOnPublicHostThenException() {
        ClientDefinition entry = codeClient("https://app.example.com/cb");
        entry.setBackchannelLogoutUri("http://app.example.com/logout");
        ClientDefinition local = codeClient("https://app.example.com/cb");
        local.setBackchannelLogoutUri("http://localhost:8080/logout");

        assertThat(failure(entry)).contains(WHERE, "backchannel-logout-uri", "https");
        assertThatNoException().isThrownBy(() -> this.bootstrap.validate(WHERE, local));
    }

    @Test
    void validateWhenInlineJwksWithPrivateKeyOrBesideJwkSetUriThenException() throws Exception {
        com.nimbusds.jose.jwk.RSAKey key =
                new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("k1").generate();
        ClientDefinition publicKey = keyClient(new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString());
        ClientDefinition privateKey = keyClient(new com.nimbusds.jose.jwk.JWKSet(key).toString(false));
        ClientDefinition both = keyClient(publicKey.getJwks());
        both.setJwkSetUri("https://app.example.com/jwks.json");
        ClientDefinition garbage = keyClient("{\"keys\": 42}");

        assertThatNoException().isThrownBy(() -> this.bootstrap.validate(WHERE, publicKey));
        assertThat(failure(privateKey)).contains("jwks", "public keys only").doesNotContain("\"d\"");
        assertThat(failure(both)).contains("jwks", "not both");
        assertThat(failure(garbage)).contains("jwks", "not a JWK set");
    }

    @Test
    void validateWhenProtocolOptionsValidThenAccepted() {
        ClientDefinition entry = codeClient("https://app.example.com/cb");
        entry.setResourceUris(new ArrayList<>(List.of("https://api.example.com/orders", "urn:example:billing")));
        entry.setAccessTokenSignatureAlgorithm("EdDSA");
        entry.setIdTokenSignatureAlgorithm("ES256");
        entry.setRequireDpop(true);
        entry.setRequirePushedAuthorizationRequests(true);

        assertThatNoException().isThrownBy(() -> this.bootstrap.validate(WHERE, entry));
    }

    @Test
    void validateWhenResourceUriRelativeWithFragmentOrRepeatedThenExceptionNamingResourceUris() {
        ClientDefinition relative = confidential();
        relative.setResourceUris(new ArrayList<>(List.of("/orders")));
        ClientDefinition fragment = confidential();
        fragment.setResourceUris(new ArrayList<>(List.of("https://api.example.com/orders#x")));
        ClientDefinition repeated = confidential();
        repeated.setResourceUris(new ArrayList<>(List.of("https://api.example.com", "https://api.example.com")));

        assertThat(failure(relative)).contains(WHERE, "resource-uris", "absolute");
        assertThat(failure(fragment)).contains("resource-uris", "fragment");
        assertThat(failure(repeated)).contains("resource-uris", "repeat");
    }

    @Test
    void validateWhenSignatureAlgorithmUnsupportedThenExceptionListingTheSupportedOnes() {
        ClientDefinition access = confidential();
        access.setAccessTokenSignatureAlgorithm("HS256");
        ClientDefinition id = confidential();
        id.setIdTokenSignatureAlgorithm("es256");

        assertThat(failure(access)).contains("access-token-signature-algorithm", "HS256", "RS256, ES256, EdDSA");
        assertThat(failure(id)).contains("id-token-signature-algorithm", "es256");
    }

    @Test
    void validateWhenRequireDpopWithPasswordGrantOrParWithoutCodeGrantThenException() {
        ClientDefinition dpop = confidential();
        dpop.setGrantTypes(new ArrayList<>(List.of("password")));
        dpop.setRequireDpop(true);
        ClientDefinition par = confidential();
        par.setRequirePushedAuthorizationRequests(true);

        assertThat(failure(dpop)).contains("require-dpop", "password");
        assertThat(failure(par)).contains("require-pushed-authorization-requests", "authorization_code");
    }

    private String failure(ClientDefinition entry) {
        BootstrapException exception =
                catchThrowableOfType(BootstrapException.class, () -> this.bootstrap.validate(WHERE, entry));
        assertThat(exception).as("validation of %s", entry).isNotNull();
        return exception.getMessage();
    }

    private static ClientDefinition confidential() {
        ClientDefinition entry = new ClientDefinition();
        entry.setClientId("svc");
        entry.setClientSecret("svc-secret-0123456789-0123456789-0123");
        entry.setGrantTypes(new ArrayList<>(List.of("client_credentials")));
        entry.setAuthMethods(new ArrayList<>(List.of("client_secret_basic")));
        entry.setScopes(new ArrayList<>(List.of("api.read")));
        return entry;
    }

    private static ClientDefinition keyClient(String jwks) {
        ClientDefinition entry = confidential();
        entry.setClientSecret(null);
        entry.setAuthMethods(new ArrayList<>(List.of("private_key_jwt")));
        entry.setJwks(jwks);
        return entry;
    }

    private static ClientDefinition codeClient(String redirectUri) {
        ClientDefinition entry = confidential();
        entry.setGrantTypes(new ArrayList<>(List.of("authorization_code")));
        entry.setRedirectUris(new ArrayList<>(List.of(redirectUri)));
        return entry;
    }
}
