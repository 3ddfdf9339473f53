package com.phoenixidp.pki.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EC P-256 keys and ECDSA signatures come from the native provider (AWS-LC) when the application
 * installed it, from BouncyCastle otherwise; either way signatures verify with BouncyCastle and
 * private keys encode exactly as BouncyCastle encodes them.
 */
class NativeEcdsaTest {

    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();
    private static final byte[] MESSAGE = "tbsCertificate".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    private static void installNative() {
        AmazonCorrettoCryptoProvider.install();
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
    }

    @AfterEach
    void removeNative() {
        Security.removeProvider(Providers.NATIVE);
    }

    @Test
    void generateWhenNativeProviderInstalledThenNativeKey() {
        installNative();

        KeyPair pair = KeyType.EC.generate(random);

        assertThat(KeyType.EC.provider().getName()).isEqualTo(Providers.NATIVE);
        assertThat(pair.getPrivate().getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(pair.getPublic().getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
    }

    @Test
    void generateWhenNativeProviderRemovedThenBouncyCastleAgainOnTheSameThread() {
        installNative();
        KeyType.EC.generate(random);
        Security.removeProvider(Providers.NATIVE);

        KeyPair pair = KeyType.EC.generate(random);

        assertThat(KeyType.EC.provider().getName()).isEqualTo(Providers.BC);
        assertThat(pair.getPrivate().getClass().getName()).startsWith("org.bouncycastle.");
    }

    @Test
    void providerWhenNativeProviderInstalledThenRsaAndEd25519StayOnBouncyCastle() {
        installNative();

        assertThat(KeyType.RSA.provider().getName()).isEqualTo(Providers.BC);
        assertThat(KeyType.ED25519.provider().getName()).isEqualTo(Providers.BC);
        assertThat(KeyType.ED25519.generate(random).getPrivate().getClass().getName())
                .startsWith("org.bouncycastle.");
    }

    @Test
    void signerWhenCaKeyReadFromEncryptedFileAndNativeInstalledThenSignsNativelyAndVerifies() throws Exception {
        KeyPair pair = KeyType.EC.generate(random);
        Path file = dir.resolve("intermediate.key");
        SecureFiles.writeNew(file, EncryptedKeyFile.encrypt(pair.getPrivate(), PASSPHRASE, random));
        installNative();
        PrivateKey fromFile = EncryptedKeyFile.decrypt(file, PASSPHRASE);

        PrivateKeySigner signer = new PrivateKeySigner(new KeyPair(pair.getPublic(), fromFile), random);

        assertThat(fromFile.getClass().getName()).startsWith("org.bouncycastle.");
        assertThat(signer.provider().getName()).isEqualTo(Providers.NATIVE);
        assertThat(signer.toString()).contains(Providers.NATIVE, "key=***");
        assertThat(verifiesWithBouncyCastle(signer, pair)).isTrue();
    }

    @Test
    void signerWhenNoNativeProviderThenBouncyCastleAndVerifies() throws Exception {
        KeyPair pair = KeyType.EC.generate(random);

        PrivateKeySigner signer = new PrivateKeySigner(pair, random);

        assertThat(signer.provider().getName()).isEqualTo(Providers.BC);
        assertThat(verifiesWithBouncyCastle(signer, pair)).isTrue();
    }

    @Test
    void pkcs8WhenNativeKeyThenSameBytesAsBouncyCastleWritesForThatKey() throws Exception {
        installNative();
        PrivateKey nativeKey = KeyType.EC.generate(random).getPrivate();
        PrivateKey asBouncyCastle = KeyFactory.getInstance("EC", Providers.BC)
                .generatePrivate(new PKCS8EncodedKeySpec(nativeKey.getEncoded()));

        byte[] exported = PrivateKeyEncoding.pkcs8v1(nativeKey).getEncoded();

        // the trap: AWS-LC leaves the curve out of the inner ECPrivateKey, BouncyCastle writes it
        assertThat(ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(nativeKey.getEncoded())
                                .parsePrivateKey())
                        .getParametersObject())
                .isNull();
        assertThat(exported).isEqualTo(asBouncyCastle.getEncoded());
        assertThat(ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(exported).parsePrivateKey())
                        .getParametersObject())
                .isEqualTo(X9ObjectIdentifiers.prime256v1);
    }

    @Test
    void pkcs8WhenBouncyCastleKeyThenUnchanged() throws Exception {
        PrivateKey key = KeyType.EC.generate(random).getPrivate();

        assertThat(PrivateKeyEncoding.pkcs8v1(key).getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void encryptedFileWhenNativeKeyThenDecryptsToTheSameKey() {
        installNative();
        PrivateKey nativeKey = KeyType.EC.generate(random).getPrivate();
        Path file = dir.resolve("root.key");

        SecureFiles.writeNew(file, EncryptedKeyFile.encrypt(nativeKey, PASSPHRASE, random));

        assertThat(((java.security.interfaces.ECPrivateKey) EncryptedKeyFile.decrypt(file, PASSPHRASE)).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) nativeKey).getS());
    }

    private static boolean verifiesWithBouncyCastle(CaSigner signer, KeyPair pair) throws Exception {
        ContentSigner contentSigner = signer.contentSigner();
        try (OutputStream out = contentSigner.getOutputStream()) {
            out.write(MESSAGE);
        }
        byte[] signature = contentSigner.getSignature();
        Signature verifier = Signature.getInstance(KeyType.EC.signatureAlgorithm(), Providers.BC);
        verifier.initVerify(pair.getPublic());
        verifier.update(MESSAGE);
        return verifier.verify(signature);
    }
}
