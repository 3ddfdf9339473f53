package com.phoenixidp.authserver.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/** Start-up checks of {@code phoenix.federation.providers.*}, client keys, accepted ID token algorithms. */
class UpstreamProvidersTest {

    @TempDir
    Path dir;

    @Test
    void constructorWhenValidProviderThenOptionAndRedirectUriUnderTheIssuer() {
        UpstreamProviders providers =
                new UpstreamProviders(properties("google", provider("Google")), "https://id.example.com/");

        assertThat(providers.options()).containsExactly(new UpstreamProviders.Option("google", "Google"));
        assertThat(providers.options().get(0).href()).isEqualTo("/oauth2/authorization/google");
        assertThat(providers.redirectUri("google")).isEqualTo("https://id.example.com/login/oauth2/code/google");
        assertThat(providers.findByRegistrationId("unknown")).isNull();
    }

    @Test
    void constructorWhenAliasReservedOrMalformedThenRefusedNamingTheAlias() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new UpstreamProviders(properties("ldap", provider(null)), "http://x"))
                .withMessageContaining("'ldap'");
        assertThatIllegalStateException()
                .isThrownBy(() -> new UpstreamProviders(properties("Bad Alias", provider(null)), "http://x"))
                .withMessageContaining("'Bad Alias'");
    }

    @Test
    void constructorWhenSecretMissingThenPropertyNamed() {
        FederationProperties.Provider provider = provider(null);
        provider.setClientSecret(null);

        assertThatIllegalStateException()
                .isThrownBy(() -> new UpstreamProviders(properties("entra", provider), "http://x"))
                .withMessageContaining("phoenix.federation.providers.entra.client-secret");
    }

    @Test
    void constructorWhenScopesLackOpenidThenRefused() {
        FederationProperties.Provider provider = provider(null);
        provider.setScopes(List.of("profile"));

        assertThatIllegalStateException()
                .isThrownBy(() -> new UpstreamProviders(properties("entra", provider), "http://x"))
                .withMessageContaining("openid");
    }

    @Test
    void clientKeyWhenPkcs8RsaOrEcPemThenPrivateJwkWithTheConfiguredKid() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));

        JWK rsaKey = FederationWebSecurity.clientKey(
                "a", keyProvider(pem(rsa.generateKeyPair().getPrivate().getEncoded()), "kid-1"));
        // EC: PKCS#8 leaves the public key out, so the PEM file carries it too (as openssl's SEC1 form does)
        java.security.KeyPair ecPair = ec.generateKeyPair();
        JWK ecKey = FederationWebSecurity.clientKey(
                "b",
                keyProvider(
                        pem(ecPair.getPrivate().getEncoded())
                                + "-----BEGIN PUBLIC KEY-----\n"
                                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                                        .encodeToString(ecPair.getPublic().getEncoded())
                                + "\n-----END PUBLIC KEY-----\n",
                        null));

        assertThat(rsaKey).isInstanceOf(RSAKey.class);
        assertThat(rsaKey.isPrivate()).isTrue();
        assertThat(rsaKey.getKeyID()).isEqualTo("kid-1");
        assertThat(ecKey).isInstanceOf(ECKey.class);
        assertThat(ecKey.isPrivate()).isTrue();
        assertThat(ecKey.getKeyID())
                .as("default: RFC 7638 thumbprint")
                .isEqualTo(ecKey.computeThumbprint().toString());
    }

    @Test
    void algorithmsWhenProviderAdvertisesThenOnlyAsymmetricOnesAndRs256ByDefault() {
        assertThat(UpstreamTokenValidation.algorithms(
                        Map.of("id_token_signing_alg_values_supported", List.of("ES256", "HS256", "none", "RS256"))))
                .containsExactly(SignatureAlgorithm.ES256, SignatureAlgorithm.RS256);
        assertThat(UpstreamTokenValidation.algorithms(Map.of())).containsExactly(SignatureAlgorithm.RS256);
    }

    private FederationProperties.Provider keyProvider(String pem, String kid) throws Exception {
        Path file = Files.createTempFile(this.dir, "key", ".pem");
        Files.writeString(file, pem);
        FederationProperties.Provider provider = provider(null);
        provider.setClientAuthentication("private_key_jwt");
        provider.setPrivateKeyFile(file);
        provider.setKeyId(kid);
        return provider;
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static FederationProperties properties(String alias, FederationProperties.Provider provider) {
        FederationProperties properties = new FederationProperties();
        properties.getProviders().put(alias, provider);
        return properties;
    }

    private static FederationProperties.Provider provider(String displayName) {
        FederationProperties.Provider provider = new FederationProperties.Provider();
        provider.setIssuerUri("https://accounts.example.com");
        provider.setClientId("phoenix");
        provider.setClientSecret("secret-0123456789");
        provider.setDisplayName(displayName);
        return provider;
    }
}
