package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A {@link CaSigner} over an in-memory private key; the key never leaves this object. */
public final class PrivateKeySigner implements CaSigner {

    private final KeyPair keyPair;
    private final KeyType keyType;
    private final SecureRandom random;

    public PrivateKeySigner(KeyPair keyPair, SecureRandom random) {
        Providers.bouncyCastle();
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.random = Objects.requireNonNull(random, "random");
        this.keyType = KeyType.of(keyPair.getPublic());
    }

    @Override
    public ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder(keyType.signatureAlgorithm())
                    .setProvider(Providers.BC)
                    .setSecureRandom(random)
                    .build(keyPair.getPrivate());
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot create a " + keyType + " signer", e);
        }
    }

    @Override
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    @Override
    public KeyType keyType() {
        return keyType;
    }

    @Override
    public String toString() {
        return "PrivateKeySigner[" + keyType + ", key=***]";
    }
}
