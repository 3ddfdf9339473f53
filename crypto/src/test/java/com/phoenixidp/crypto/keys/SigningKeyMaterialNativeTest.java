package com.phoenixidp.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.ECKey;
import com.phoenixidp.crypto.CryptoProviders;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Instant;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ES256 signing keys use the native provider (AWS-LC) when the application installed it, and
 * BouncyCastle otherwise; either way the signature verifies with the published public key.
 */
class SigningKeyMaterialNativeTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeyMaterial material =
            new SigningKeyMaterial(new KeyEncryptor(MasterKey.fromBase64(MasterKeyTest.KEY_B64), RANDOM), RANDOM);

    @AfterEach
    void removeNative() {
        Security.removeProvider(CryptoProviders.NATIVE);
    }

    @Test
    void es256WhenNativeProviderInstalledThenSignsWithItAndVerifiesWithBouncyCastle() throws Exception {
        AmazonCorrettoCryptoProvider.install();
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();

        LoadedSigningKey key =
                this.material.decrypt(this.material.generate(SigningAlgorithm.ES256, KeyStatus.ACTIVE, Instant.now()));

        assertThat(((ECDSASigner) key.signer()).getJCAContext().getProvider().getName())
                .isEqualTo(CryptoProviders.NATIVE);
        assertVerifies(key);
    }

    @Test
    void es256WhenNoNativeProviderThenBouncyCastle() throws Exception {
        assertThat(Security.getProvider(CryptoProviders.NATIVE)).isNull();

        LoadedSigningKey key =
                this.material.decrypt(this.material.generate(SigningAlgorithm.ES256, KeyStatus.ACTIVE, Instant.now()));

        assertThat(((ECDSASigner) key.signer()).getJCAContext().getProvider().getName())
                .isEqualTo(BouncyCastleProvider.PROVIDER_NAME);
        assertVerifies(key);
    }

    private static void assertVerifies(LoadedSigningKey key) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"sub\":\"x\"}"));
        jws.sign(key.signer());
        ECDSAVerifier verifier = new ECDSAVerifier((ECKey) key.publicJwk());
        verifier.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
        assertThat(JWSObject.parse(jws.serialize()).verify(verifier)).isTrue();
    }
}
