package com.phoenixidp.crypto.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import java.util.Set;

/** Nimbus {@link JWSSigner} for Ed25519 (RFC 8037 section 3.1) on the JDK's {@code Signature "Ed25519"}. */
final class JdkEd25519Signer implements JWSSigner {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private final PrivateKey privateKey;

    private final JCAContext jca = new JCAContext();

    JdkEd25519Signer(PrivateKey privateKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new JOSEException("Ed25519 keys sign EdDSA only, not " + header.getAlgorithm());
        }
        try {
            Signature signature = Signature.getInstance(Ed25519.JCA_NAME);
            signature.initSign(this.privateKey);
            signature.update(signingInput);
            return Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException ex) {
            throw new JOSEException("Ed25519 signing failed", ex);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return this.jca;
    }

    @Override
    public String toString() {
        return "JdkEd25519Signer";
    }
}
