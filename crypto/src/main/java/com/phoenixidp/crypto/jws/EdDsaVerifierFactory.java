package com.phoenixidp.crypto.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import java.security.Key;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.Set;

/**
 * Nimbus {@link JWSVerifierFactory}: Ed25519 public keys ({@code EdDSA}, RFC 8037) get the JDK-based
 * {@link Ed25519#verifier(PublicKey)}; everything else is {@link DefaultJWSVerifierFactory}'s.
 */
public final class EdDsaVerifierFactory implements JWSVerifierFactory {

    private final DefaultJWSVerifierFactory others = new DefaultJWSVerifierFactory();

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        if (JWSAlgorithm.Family.ED.contains(header.getAlgorithm())) {
            if (!(key instanceof PublicKey publicKey)
                    || !("EdDSA".equals(key.getAlgorithm()) || Ed25519.JCA_NAME.equals(key.getAlgorithm()))) {
                throw new JOSEException("EdDSA needs an Ed25519 public key");
            }
            return Ed25519.verifier(publicKey);
        }
        return this.others.createJWSVerifier(header, key);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        Set<JWSAlgorithm> algorithms = new HashSet<>(this.others.supportedJWSAlgorithms());
        algorithms.addAll(JdkEd25519Signer.ALGORITHMS);
        return algorithms;
    }

    @Override
    public JCAContext getJCAContext() {
        return this.others.getJCAContext();
    }
}
