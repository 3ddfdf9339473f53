package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/**
 * Key algorithms the CA generates and signs with: EC P-256 (default), RSA 3072 and Ed25519.
 */
public enum KeyType {
    EC("SHA256withECDSA"),
    RSA("SHA256withRSA"),
    ED25519("Ed25519");

    private final String signatureAlgorithm;

    KeyType(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** JCA signature algorithm used when a key of this type signs a certificate, CRL or OCSP response. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Per-thread initialised generators: getInstance + initialize is a measurable share of a P-256 key generation. */
    private static final ThreadLocal<java.util.Map<KeyType, Object[]>> GENERATORS =
            ThreadLocal.withInitial(() -> new java.util.EnumMap<>(KeyType.class));

    /** Generates a fresh key pair with the BouncyCastle provider. */
    public KeyPair generate(SecureRandom random) {
        Object[] cached = GENERATORS.get().get(this);
        if (cached == null || cached[0] != random) {
            cached = new Object[] {random, newGenerator(random)};
            GENERATORS.get().put(this, cached);
        }
        return ((KeyPairGenerator) cached[1]).generateKeyPair();
    }

    private KeyPairGenerator newGenerator(SecureRandom random) {
        Providers.bouncyCastle();
        try {
            KeyPairGenerator generator;
            switch (this) {
                case EC -> {
                    generator = KeyPairGenerator.getInstance("EC", Providers.BC);
                    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                }
                case RSA -> {
                    generator = KeyPairGenerator.getInstance("RSA", Providers.BC);
                    generator.initialize(3072, random);
                }
                default -> {
                    generator = KeyPairGenerator.getInstance("Ed25519", Providers.BC);
                    generator.initialize(255, random);
                }
            }
            return generator;
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot generate a " + this + " key: " + e.getMessage(), e);
        }
    }

    /** Whether keys of this type can do key encipherment (only RSA). */
    public boolean supportsKeyEncipherment() {
        return this == RSA;
    }

    /** The key type of an existing public key. */
    public static KeyType of(PublicKey key) {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        if (algorithm.equals("EC") || algorithm.equals("ECDSA")) {
            return EC;
        }
        if (algorithm.equals("RSA") && key instanceof RSAKey) {
            return RSA;
        }
        if (algorithm.equals("ED25519") || algorithm.equals("EDDSA")) {
            return ED25519;
        }
        throw new PkiException("unsupported key algorithm " + key.getAlgorithm());
    }

    /** Parses {@code ec}, {@code rsa} or {@code ed25519} (any case). */
    public static KeyType parse(String text) {
        for (KeyType type : values()) {
            if (type.name().equalsIgnoreCase(text)) {
                return type;
            }
        }
        throw new PkiException("unknown key type '" + text + "' (expected ec, rsa or ed25519)");
    }
}
