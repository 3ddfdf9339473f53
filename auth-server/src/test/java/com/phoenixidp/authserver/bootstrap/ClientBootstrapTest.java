package com.phoenixidp.authserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phoenixidp.authserver.bootstrap.BootstrapProperties.ClientEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation of one bootstrap client entry (no storage touched). Start-up with a bad entry is
 * covered end to end by {@code RestartPersistenceIntegrationTest}; the other reasons are checked
 * here without starting the application.
 */
class ClientBootstrapTest {

    private static final String WHERE = "phoenix.bootstrap.clients[2]";

    private final ClientBootstrap bootstrap = new ClientBootstrap(null, null, null, null, null, null);

    @Test
    void validateWhenValidConfidentialClientThenAccepted() {
        assertThatNoException().isThrownBy(() -> this.bootstrap.validate(WHERE, confidential()));
    }

    @Test
    void validateWhenUnknownGrantTypeThenExceptionNamingEntryFieldAndValue() {
        ClientEntry entry = confidential();
        entry.setGrantTypes(new ArrayList<>(List.of("client_credentials", "magic_grant")));

        assertThat(failure(entry)).contains(WHERE, "client-id 'svc'", "grant-types", "'magic_grant'");
    }

    @Test
    void validateWhenUnknownAuthMethodThenExceptionNamingField() {
        ClientEntry entry = confidential();
        entry.setAuthMethods(new ArrayList<>(List.of("client_secret_jwt")));

        assertThat(failure(entry)).contains(WHERE, "auth-methods", "client_secret_jwt");
    }

    @Test
    void validateWhenSecretShorterThan32CharactersThenExceptionWithoutTheSecret() {
        ClientEntry entry = confidential();
        entry.setClientSecret("short-secret-123456789012345678"); // 31 characters

        assertThat(failure(entry)).contains(WHERE, "client-secret", "32").doesNotContain("short-secret");
    }

    @Test
    void validateWhenPublicClientHasSecretOrClientCredentialsThenException() {
        ClientEntry withSecret = confidential();
        withSecret.setAuthMethods(new ArrayList<>(List.of("none")));
        ClientEntry clientCredentials = confidential();
        clientCredentials.setClientSecret(null);
        clientCredentials.setAuthMethods(new ArrayList<>(List.of("none")));

        assertThat(failure(withSecret)).contains("client-secret");
        assertThat(failure(clientCredentials)).contains("grant-types", "client_credentials");
    }

    @Test
    void validateWhenPrivateKeyJwtWithoutJwkSetUriThenException() {
        ClientEntry entry = confidential();
        entry.setClientSecret(null);
        entry.setAuthMethods(new ArrayList<>(List.of("private_key_jwt")));

        assertThat(failure(entry)).contains("jwk-set-uri");
    }

    @Test
    void validateWhenRedirectUriPlainHttpOnPublicHostOrWithFragmentThenException() {
        ClientEntry http = codeClient("http://app.example.com/cb");
        ClientEntry fragment = codeClient("https://app.example.com/cb#x");

        assertThat(failure(http)).contains("redirect-uris", "https");
        assertThat(failure(fragment)).contains("redirect-uris", "fragment");
        assertThatNoException()
                .isThrownBy(() -> this.bootstrap.validate(WHERE, codeClient("http://127.0.0.1:8080/cb")));
    }

    private String failure(ClientEntry entry) {
        BootstrapException exception =
                catchThrowableOfType(BootstrapException.class, () -> this.bootstrap.validate(WHERE, entry));
        assertThat(exception).as("validation of %s", entry).isNotNull();
        return exception.getMessage();
    }

    private static ClientEntry confidential() {
        ClientEntry entry = new ClientEntry();
        entry.setClientId("svc");
        entry.setClientSecret("svc-secret-0123456789-0123456789-0123");
        entry.setGrantTypes(new ArrayList<>(List.of("client_credentials")));
        entry.setAuthMethods(new ArrayList<>(List.of("client_secret_basic")));
        entry.setScopes(new ArrayList<>(List.of("api.read")));
        return entry;
    }

    private static ClientEntry codeClient(String redirectUri) {
        ClientEntry entry = confidential();
        entry.setGrantTypes(new ArrayList<>(List.of("authorization_code")));
        entry.setRedirectUris(new ArrayList<>(List.of(redirectUri)));
        return entry;
    }
}
