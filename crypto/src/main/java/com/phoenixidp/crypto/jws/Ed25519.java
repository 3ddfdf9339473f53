package com.phoenixidp.crypto.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Ed25519 for JWS {@code alg: EdDSA} (RFC 8037) on the JDK's own EdDSA implementation (Java 15+,
 * RFC 8032), so no Tink is needed: key pairs, the public key as an OKP JWK ({@code kty: OKP,
 * crv: Ed25519, x}, RFC 8037 section 2) and back, and Nimbus {@link JWSSigner}/{@link JWSVerifier}
 * handles. Only the curve Ed25519 is accepted (Ed448 is not offered).
 */
public final class Ed25519 {

    /** JCA name of the algorithm (key pairs, key factories and signatures). */
    public static final String JCA_NAME = "Ed25519";

    /** RFC 8410 SubjectPublicKeyInfo prefix of an Ed25519 key: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /** RFC 8032 section 5.1.5: 32-byte public keys. */
    private static final int KEY_BYTES = 32;

    private Ed25519() {}

    /** A fresh key pair. */
    public static KeyPair generate(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(JCA_NAME);
        generator.initialize(NamedParameterSpec.ED25519, Objects.requireNonNull(random, "random"));
        return generator.generateKeyPair();
    }

    /** The private key of a PKCS#8 encoding (RFC 8410 section 7). */
    public static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(JCA_NAME).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** The public key as a public OKP JWK with {@code alg: EdDSA}, {@code use: sig} and the given kid (may be null). */
    public static OctetKeyPair publicJwk(PublicKey publicKey, @Nullable String kid) {
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawPublicKey(publicKey)))
                .keyID(kid)
                .algorithm(JWSAlgorithm.EdDSA)
                .keyUse(KeyUse.SIGNATURE)
                .build();
    }

    /** The JCA public key of an OKP JWK on Ed25519; fails for other curves. */
    public static PublicKey publicKey(OctetKeyPair jwk) throws JOSEException {
        if (!Curve.Ed25519.equals(jwk.getCurve())) {
            throw new JOSEException("OKP key " + jwk.getKeyID() + " is not on Ed25519");
        }
        byte[] raw = jwk.getDecodedX();
        if (raw.length != KEY_BYTES) {
            throw new JOSEException("OKP key " + jwk.getKeyID() + " has no 32-byte x");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_BYTES);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, KEY_BYTES);
        try {
            return KeyFactory.getInstance(JCA_NAME).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException ex) {
            throw new JOSEException("OKP key " + jwk.getKeyID() + " is not a valid Ed25519 key", ex);
        }
    }

    /** A signer ({@code EdDSA} and the fully-specified {@code Ed25519}, RFC 9864) for the private key. */
    public static JWSSigner signer(PrivateKey privateKey) {
        return new JdkEd25519Signer(privateKey);
    }

    /** A verifier for the public key. */
    public static JWSVerifier verifier(PublicKey publicKey) {
        return new JdkEd25519Verifier(publicKey);
    }

    /** A verifier for an OKP JWK on Ed25519. */
    public static JWSVerifier verifier(OctetKeyPair jwk) throws JOSEException {
        return new JdkEd25519Verifier(publicKey(jwk));
    }

    /** The 32 key bytes of an X.509 (SubjectPublicKeyInfo) encoded Ed25519 public key. */
    static byte[] rawPublicKey(PublicKey publicKey) {
        byte[] spki = publicKey.getEncoded();
        if (spki == null
                || spki.length != SPKI_PREFIX.length + KEY_BYTES
                || !Arrays.equals(Arrays.copyOf(spki, SPKI_PREFIX.length), SPKI_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }
}
