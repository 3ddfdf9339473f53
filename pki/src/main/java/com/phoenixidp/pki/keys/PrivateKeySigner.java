package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A {@link CaSigner} over an in-memory private key; the key never leaves this object. It signs
 * with {@link KeyType#provider()} as chosen when it is created (for EC the native provider when
 * the application installed it), holding the key as that provider's own key object.
 */
public final class PrivateKeySigner implements CaSigner {

    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final KeyType keyType;
    private final Provider provider;
    private final SecureRandom random;

    public PrivateKeySigner(KeyPair keyPair, SecureRandom random) {
        Objects.requireNonNull(keyPair, "keyPair");
        this.random = Objects.requireNonNull(random, "random");
        this.publicKey = keyPair.getPublic();
        this.keyType = KeyType.of(publicKey);
        this.provider = keyType.provider();
        this.privateKey = keyType == KeyType.EC ? translate(keyPair.getPrivate(), provider) : keyPair.getPrivate();
    }

    /**
     * The key as the provider's own object, converted once here: the native provider would
     * otherwise convert a BouncyCastle key (as {@code EncryptedKeyFile} reads it) on every
     * signature, ~9 µs of a ~17 µs ECDSA signature.
     */
    private static PrivateKey translate(PrivateKey key, Provider provider) {
        try {
            return (PrivateKey) KeyFactory.getInstance("EC", provider).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot load the EC key into " + provider.getName(), e);
        }
    }

    @Override
    public ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder(keyType.signatureAlgorithm())
                    .setProvider(provider)
                    .setSecureRandom(random)
                    .build(privateKey);
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot create a " + keyType + " signer", e);
        }
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public KeyType keyType() {
        return keyType;
    }

    /** The JCA provider these signatures come from. */
    public Provider provider() {
        return provider;
    }

    @Override
    public String toString() {
        return "PrivateKeySigner[" + keyType + " via " + provider.getName() + ", key=***]";
    }
}
