package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

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

    /**
     * The provider that generates, imports and signs with keys of this type: for EC the native
     * one when the application installed it ({@link Providers#ecdsa()}), else BouncyCastle.
     */
    public Provider provider() {
        return this == EC ? Providers.ecdsa() : Providers.bouncyCastle();
    }

    /** A generator initialised for one random source and provider. */
    private record Generator(SecureRandom random, Provider provider, KeyPairGenerator generator) {}

    /** Per-thread initialised generators: getInstance + initialize is a measurable share of a P-256 key generation. */
    private static final ThreadLocal<Map<KeyType, Generator>> GENERATORS =
            ThreadLocal.withInitial(() -> new EnumMap<>(KeyType.class));

    /**
     * Generates a fresh key pair with {@link #provider()}. The native provider draws on its own
     * DRBG (AWS-LC's, seeded by the operating system) rather than on {@code random}.
     */
    @SuppressWarnings("ReferenceEquality") // the same provider object; Provider.equals compares every property
    public KeyPair generate(SecureRandom random) {
        Provider provider = provider();
        Map<KeyType, Generator> generators = GENERATORS.get();
        Generator cached = generators.get(this);
        if (cached == null || cached.random() != random || cached.provider() != provider) {
            cached = new Generator(random, provider, newGenerator(random, provider));
            generators.put(this, cached);
        }
        return cached.generator().generateKeyPair();
    }

    private KeyPairGenerator newGenerator(SecureRandom random, Provider provider) {
        try {
            KeyPairGenerator generator;
            switch (this) {
                case EC -> {
                    generator = KeyPairGenerator.getInstance("EC", provider);
                    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                }
                case RSA -> {
                    generator = KeyPairGenerator.getInstance("RSA", provider);
                    generator.initialize(3072, random);
                }
                default -> {
                    generator = KeyPairGenerator.getInstance("Ed25519", provider);
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
