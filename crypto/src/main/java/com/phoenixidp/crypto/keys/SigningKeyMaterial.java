package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.phoenixidp.crypto.CryptoProviders;
import com.phoenixidp.crypto.jws.Ed25519;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Generates signing key pairs and encrypts/decrypts their private keys (package-private helper of {@link SigningKeyManager}). */
final class SigningKeyMaterial {

    private static final int RSA_BITS = 2048;
    private static final Payload SELF_TEST = new Payload("phoenix-signing-key-self-test");

    private final KeyEncryptor encryptor;
    private final SecureRandom random;

    SigningKeyMaterial(KeyEncryptor encryptor, SecureRandom random) {
        this.encryptor = Objects.requireNonNull(encryptor, "encryptor");
        this.random = Objects.requireNonNull(random, "random");
    }

    LoadedSigningKey decrypt(StoredSigningKey stored) {
        byte[] pkcs8;
        try {
            pkcs8 = encryptor.decrypt(stored.encryptedPrivateKey(), stored.aad());
        } catch (KeyDecryptionException e) {
            throw new KeyDecryptionException(stored.kid(), e);
        }
        try {
            PrivateKey privateKey = privateKey(stored.algorithm(), pkcs8);
            JWK publicJwk = JWK.parse(stored.publicJwkJson());
            if (publicJwk.isPrivate() || !stored.kid().equals(publicJwk.getKeyID())) {
                throw new SigningKeyStorageException(
                        "stored public JWK of signing key " + stored.kid() + " is invalid");
            }
            JWSSigner signer = signerFor(stored.algorithm(), privateKey);
            selfTest(stored, signer, publicJwk);
            return new LoadedSigningKey(stored, publicJwk, signer);
        } catch (GeneralSecurityException | ParseException | JOSEException e) {
            throw new SigningKeyStorageException("stored signing key " + stored.kid() + " is corrupt", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static PrivateKey privateKey(SigningAlgorithm alg, byte[] pkcs8) throws GeneralSecurityException {
        return switch (alg) {
            case RS256 -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            case ES256 ->
                KeyFactory.getInstance("EC", CryptoProviders.ecdsa()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            case EdDSA -> Ed25519.privateKey(pkcs8);
        };
    }

    /** The private key must match the published public key, or tokens would not verify. */
    private static void selfTest(StoredSigningKey stored, JWSSigner signer, JWK publicJwk) throws JOSEException {
        JWSObject probe = new JWSObject(new JWSHeader(stored.algorithm().jwsAlgorithm()), SELF_TEST);
        probe.sign(signer);
        JWSVerifier verifier;
        if (publicJwk instanceof RSAKey rsa) {
            verifier = new RSASSAVerifier(rsa);
        } else if (publicJwk instanceof ECKey ec) {
            ECDSAVerifier ecVerifier = new ECDSAVerifier(ec);
            ecVerifier.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
            verifier = ecVerifier;
        } else if (publicJwk instanceof OctetKeyPair okp) {
            verifier = Ed25519.verifier(okp);
        } else {
            throw new JOSEException("unexpected key type");
        }
        if (!probe.verify(verifier)) {
            throw new SigningKeyStorageException("private and public key of signing key " + stored.kid() + " differ");
        }
    }

    private static JWSSigner signerFor(SigningAlgorithm alg, PrivateKey privateKey) throws JOSEException {
        if (alg == SigningAlgorithm.RS256) {
            return new RSASSASigner(privateKey);
        }
        if (alg == SigningAlgorithm.EdDSA) {
            return Ed25519.signer(privateKey);
        }
        ECDSASigner signer = new ECDSASigner(privateKey, Curve.P_256);
        signer.getJCAContext().setProvider(CryptoProviders.ecdsa());
        return signer;
    }

    StoredSigningKey generate(SigningAlgorithm alg, KeyStatus status, Instant now) {
        byte[] pkcs8 = null;
        try {
            KeyPair pair = generateKeyPair(alg);
            JWK withoutKid = publicJwk(alg, pair, null);
            String kid = withoutKid.computeThumbprint().toString(); // RFC 7638
            JWK jwk = publicJwk(alg, pair, kid);
            pkcs8 = pair.getPrivate().getEncoded();
            byte[] encrypted = encryptor.encrypt(pkcs8, StoredSigningKey.aad(kid, alg));
            return new StoredSigningKey(
                    kid,
                    alg,
                    status,
                    now,
                    status == KeyStatus.ACTIVE ? now : null,
                    null,
                    jwk.toJSONString(),
                    encrypted);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot generate " + alg + " signing key", e);
        } finally {
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    private KeyPair generateKeyPair(SigningAlgorithm alg) throws GeneralSecurityException {
        if (alg == SigningAlgorithm.RS256) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return generator.generateKeyPair();
        }
        if (alg == SigningAlgorithm.EdDSA) {
            return Ed25519.generate(random);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static JWK publicJwk(SigningAlgorithm alg, KeyPair pair, @Nullable String kid) {
        JWSAlgorithm jwsAlg = alg.jwsAlgorithm();
        if (alg == SigningAlgorithm.RS256) {
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .keyID(kid)
                    .algorithm(jwsAlg)
                    .keyUse(KeyUse.SIGNATURE)
                    .build();
        }
        if (alg == SigningAlgorithm.EdDSA) {
            return Ed25519.publicJwk(pair.getPublic(), kid);
        }
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                .keyID(kid)
                .algorithm(jwsAlg)
                .keyUse(KeyUse.SIGNATURE)
                .build();
    }
}
